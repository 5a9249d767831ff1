# A stand-in for Vivado HLS's Tcl commands (no Xilinx tool here): each command appends one line "name args" to
# calls.log in the directory it was started in. cosim_design -setup prepares sim/verilog the way Vivado HLS does: an
# xsim script <project>.tcl that logs every wave ("log_wave -r /") and ends with "quit", and run_sim.tcl, which
# stands in for xsim: it defines xsim's scope/object/VCD commands over three instances (two FIFO elements of
# layer2_out and a non-FIFO scope) and sources the xsim script. Usage: tclsh vivado_hls_standin.tcl build_prj.tcl "opts"
set ::calls_log [file join [pwd] calls.log]
proc record {args} {
    set f [open $::calls_log a]
    puts $f [join $args " "]
    close $f
}
foreach cmd {open_project set_top add_files open_solution config_compile config_array_partition set_part
             config_schedule create_clock set_clock_uncertainty csim_design csynth_design export_design} {
    proc $cmd {args} "record $cmd {*}\$args"
}
proc cosim_design {args} {
    record cosim_design {*}$args
    if {[lsearch -exact $args -setup] >= 0} {
        global project_name
        set dir ${project_name}_prj/solution1/sim/verilog
        file mkdir $dir
        set f [open $dir/${project_name}.tcl w]
        puts $f "log_wave -r /"
        puts $f "run all"
        puts $f "quit"
        close $f
        set f [open $dir/run_sim.tcl w]
        puts $f {
            record run_sim.tcl [file tail [pwd]]
            set ::scope /
            proc current_scope {args} { if {[llength $args]} { set ::scope [lindex $args 0] }; record current_scope {*}$args; return $::scope }
            proc get_scopes {args} {
                set d /apatb_myproject_top/AESL_inst_myproject
                return [list $d/layer2_out_V_data_0_V_U $d/layer2_out_V_data_1_V_U $d/grp_dense_fu_100]
            }
            proc get_objects {args} {
                set name [lindex $args end]
                if {[string match *_U $::scope]} { return [list $::scope/$name] }
                return {}
            }
            foreach c {open_vcd log_vcd flush_vcd close_vcd run quit} { proc $c {args} "record $c {*}\$args" }
        }
        puts $f "source [list [file normalize $dir/${project_name}.tcl]]"
        close $f
    }
}
set script [lindex $argv 0]
set argv [lrange $argv 1 end]
source $script
