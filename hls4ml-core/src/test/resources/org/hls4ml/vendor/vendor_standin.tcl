# A stand-in for the Xilinx HLS programs (none is installed here), run by the shell scripts the tests create in place
# of vivado_hls, vitis_hls and vitis-run: "tclsh vendor_standin.tcl <program> <the program's arguments>".
#
# It appends one line to tool_calls.log in the working directory: the program as it was called (STANDIN_SELF, which the
# shell script sets to its $0) and its arguments, separated by tabs,
# plus HLS4ML_BUILD_OPTIONS=<value> when that variable is set. Then it sources the script named by -f (vivado_hls,
# vitis_hls) or --tcl (vitis-run) with the rest of the arguments as argv, with the vendor Tcl commands defined: each
# appends "name args" to calls.log and writes what the vendor tool writes, in its format:
#   csim_design    tb_data/csim_results.log (a copy of tb_data/tb_output_predictions.dat, as a bit-exact design gives)
#   csynth_design  <project>_prj/solution1/syn/report/<project>_csynth.xml (DSP48E for Vivado HLS, DSP for Vitis)
#   cosim_design   tb_data/rtl_cosim_results.log (a copy of csim_results.log); with -setup (Vivado HLS's FIFO
#                  profiling), sim/verilog/<project>.tcl and run_sim.tcl, which stands in for xsim and writes the VCD
#                  the xsim script asks for; with -enable_fifo_sizing (Vitis HLS's), also the channel profile
#                  .autopilot/db/channel_depth_info/channel.zip (channel_info.csv and one chan_status<k>.csv per FIFO)
#   export_design  solution1/impl/ip/{component.xml,xilinx_com_hls_<project>_<version>.zip} (a zip archive laid out as
#                  the vendor's: component.xml, hdl/verilog/*.v, xgui/*.tcl), and impl/export.zip for Vitis
# csynth_design and cosim_design also append one line to standin_depths.log: the command and its arguments, a tab, and
# the depth of every "#pragma HLS STREAM" of firmware/<project>.cpp as they found it ("layer2_out=100000 ...").
# The FIFO profiles give every stream of firmware/<project>.cpp (Vivado HLS: two array elements per stream, the second
# one entry below the first) the maximum occupancy
#   STANDIN_FIFO_MAX="<stream>=<n> ..."  says, and for a stream it does not name, the stream's depth
#   STANDIN_FIFO_OMIT="<stream> ..."     leaves these streams out of the profile
# Failures are injected through environment variables naming a command:
#   STANDIN_EXIT=<cmd>       the command prints a message and the program exits with code 1
#   STANDIN_ERROR=<cmd>      the command prints an "ERROR: [HLS 200-70] ..." line and goes on (exit code 0)
#   STANDIN_NO_OUTPUT=<cmd>  the command writes nothing
#   STANDIN_SLEEP=<cmd>      the command sleeps for a minute (for time limits)
#   STANDIN_COSIM_DIFF=1     cosim_design changes the first value of its results

set program [lindex $argv 0]
set rest [lrange $argv 1 end]
set self [expr {[info exists ::env(STANDIN_SELF)] ? $::env(STANDIN_SELF) : $program}]
set line [join [concat [list $self] $rest] "\t"]
if {[info exists ::env(HLS4ML_BUILD_OPTIONS)]} {
    append line "\tHLS4ML_BUILD_OPTIONS=$::env(HLS4ML_BUILD_OPTIONS)"
}
set f [open [file join [pwd] tool_calls.log] a]
puts $f $line
close $f

if {$program eq "vitis-run"} {
    set i [lsearch -exact $rest --tcl]
} else {
    set i [lsearch -exact $rest -f]
}
if {$i < 0} {
    puts "ERROR: stand-in $program: no script given"
    exit 3
}
set script [lindex $rest [expr {$i + 1}]]
set argv [lrange $rest [expr {$i + 2}] end]
set argc [llength $argv]
set ::standin_vitis [string match vitis* $program]
set ::calls_log [file join [pwd] calls.log]

proc record {args} {
    set f [open $::calls_log a]
    puts $f [join $args " "]
    close $f
}
proc injected {what cmd} {
    return [expr {[info exists ::env($what)] && $::env($what) eq $cmd}]
}
# the common part of every command: record, then the injected failures; returns 0 when the command must do nothing
proc enter {cmd args} {
    record $cmd {*}$args
    if {[injected STANDIN_EXIT $cmd]} {
        puts "stand-in $cmd: simulated failure, exiting with code 1"
        exit 1
    }
    if {[injected STANDIN_ERROR $cmd]} {
        puts "ERROR: \[HLS 200-70\] stand-in $cmd reports an error"
    }
    if {[injected STANDIN_SLEEP $cmd]} {
        puts "stand-in $cmd: sleeping"
        flush stdout
        after 60000
    }
    return [expr {![injected STANDIN_NO_OUTPUT $cmd]}]
}
proc write_file {path text} {
    file mkdir [file dirname $path]
    set f [open $path w]
    puts -nonewline $f $text
    close $f
}
proc read_file {path} {
    set f [open $path r]
    set t [read $f]
    close $f
    return $t
}
proc solution {} {
    global project_name
    return ${project_name}_prj/solution1
}
# name depth pairs of the "#pragma HLS STREAM" lines of firmware/<project>.cpp
proc stream_depths {} {
    global project_name
    set out {}
    foreach {all name depth} [regexp -all -inline {#pragma HLS STREAM variable=(\w+) depth=(\d+)} \
            [read_file firmware/${project_name}.cpp]] {
        lappend out $name $depth
    }
    return $out
}
proc record_depths {cmd args} {
    set seen {}
    foreach {name depth} [stream_depths] { lappend seen $name=$depth }
    set f [open [file join [pwd] standin_depths.log] a]
    puts $f "[join [concat [list $cmd] $args] { }]\t[join $seen { }]"
    close $f
}
# name depth max triples of the streams the FIFO profile holds (STANDIN_FIFO_MAX, STANDIN_FIFO_OMIT)
proc profiled_streams {} {
    array set max {}
    if {[info exists ::env(STANDIN_FIFO_MAX)]} {
        foreach pair $::env(STANDIN_FIFO_MAX) {
            lassign [split $pair =] name n
            set max($name) $n
        }
    }
    set omit [expr {[info exists ::env(STANDIN_FIFO_OMIT)] ? $::env(STANDIN_FIFO_OMIT) : {}}]
    set out {}
    foreach {name depth} [stream_depths] {
        if {[lsearch -exact $omit $name] >= 0} { continue }
        lappend out $name $depth [expr {[info exists max($name)] ? $max($name) : $depth}]
    }
    return $out
}
# a zip archive of stored (uncompressed) entries: name text name text ...
proc write_zip {path entries} {
    file mkdir [file dirname $path]
    set f [open $path w]
    fconfigure $f -translation binary
    set central ""
    set offset 0
    set count 0
    foreach {name text} $entries {
        set data [encoding convertto utf-8 $text]
        set bname [encoding convertto utf-8 $name]
        set crc [zlib crc32 $data]
        set size [string length $data]
        set local [binary format isssssiiiss 0x04034b50 20 0 0 0 33 $crc $size $size [string length $bname] 0]
        append local $bname $data
        append central [binary format issssssiiisssssii 0x02014b50 20 20 0 0 0 33 $crc $size $size \
            [string length $bname] 0 0 0 0 0 $offset] $bname
        puts -nonewline $f $local
        incr offset [string length $local]
        incr count
    }
    puts -nonewline $f $central
    puts -nonewline $f [binary format issssiis 0x06054b50 0 0 $count $count [string length $central] $offset 0]
    close $f
}

foreach cmd {open_project set_top add_files open_solution config_compile config_array_partition set_part
             config_schedule create_clock set_clock_uncertainty} {
    proc $cmd {args} "record $cmd {*}\$args"
}

proc csim_design {args} {
    if {![enter csim_design {*}$args]} { return }
    puts "INFO: \[SIM 211-2\] *************** CSIM start ***************"
    if {[file exists tb_data/tb_output_predictions.dat]} {
        write_file tb_data/csim_results.log [read_file tb_data/tb_output_predictions.dat]
    } else {
        write_file tb_data/csim_results.log "0\n"
    }
    puts "INFO: \[SIM 211-1\] CSim done with 0 errors."
}

proc csynth_design {args} {
    if {![enter csynth_design {*}$args]} { return }
    record_depths csynth_design {*}$args
    global project_name part clock_period clock_uncertainty
    if {$::standin_vitis} {
        set dsp DSP
        set version 2023.1
    } else {
        set dsp DSP48E
        set version 2019.2
    }
    write_file [solution]/syn/report/${project_name}_csynth.xml [string map [list @TOP@ $project_name @PART@ $part \
        @CLOCK@ $clock_period @UNC@ $clock_uncertainty @DSP@ $dsp @VERSION@ $version] {<?xml version="1.0" encoding="UTF-8"?>
<profile>
  <ReportVersion>
    <Version>@VERSION@</Version>
  </ReportVersion>
  <UserAssignments>
    <unit>ns</unit>
    <ProductFamily>kintexu</ProductFamily>
    <Part>@PART@</Part>
    <TopModelName>@TOP@</TopModelName>
    <TargetClockPeriod>@CLOCK@</TargetClockPeriod>
    <ClockUncertainty>@UNC@</ClockUncertainty>
  </UserAssignments>
  <PerformanceEstimates>
    <SummaryOfTimingAnalysis>
      <unit>ns</unit>
      <EstimatedClockPeriod>4.352</EstimatedClockPeriod>
    </SummaryOfTimingAnalysis>
    <SummaryOfOverallLatency>
      <unit>clock cycles</unit>
      <Best-caseLatency>9</Best-caseLatency>
      <Average-caseLatency>10</Average-caseLatency>
      <Worst-caseLatency>11</Worst-caseLatency>
      <Interval-min>1</Interval-min>
      <Interval-max>2</Interval-max>
    </SummaryOfOverallLatency>
  </PerformanceEstimates>
  <AreaEstimates>
    <Resources>
      <BRAM_18K>4</BRAM_18K>
      <@DSP@>72</@DSP@>
      <FF>5135</FF>
      <LUT>30521</LUT>
      <URAM>0</URAM>
    </Resources>
    <AvailableResources>
      <BRAM_18K>4320</BRAM_18K>
      <@DSP@>5520</@DSP@>
      <FF>1326720</FF>
      <LUT>663360</LUT>
      <URAM>0</URAM>
    </AvailableResources>
  </AreaEstimates>
</profile>
}]
    puts "INFO: \[HLS 200-111\] Finished synthesis"
}

proc cosim_design {args} {
    if {![enter cosim_design {*}$args]} { return }
    record_depths cosim_design {*}$args
    global project_name
    if {[lsearch -exact $args -setup] >= 0} {
        standin_xsim_setup
        return
    }
    set results [read_file tb_data/csim_results.log]
    if {[info exists ::env(STANDIN_COSIM_DIFF)]} {
        regsub {^\S+} $results 12345 results
    }
    write_file tb_data/rtl_cosim_results.log $results
    if {[lsearch -exact $args -enable_fifo_sizing] >= 0} {
        standin_channel_profile
    }
    puts "INFO: \[COSIM 212-1000\] *** C/RTL co-simulation finished: PASS ***"
}

# cosim_design -enable_fifo_sizing of Vitis HLS: channel.zip with channel_info.csv (one line per FIFO instance
# <stream>_U) and the chan_status<k>.csv files, whose last line is the largest occupancy
proc standin_channel_profile {} {
    set info "id,name,type,file\n"
    set entries {}
    set k 0
    foreach {name depth max} [profiled_streams] {
        append info "$k,${name}_U,fifo,chan_status$k.csv\n"
        lappend entries chan_status$k.csv "depth\n0\n[expr {$max / 2}]\n$max\n"
        incr k
    }
    write_zip [solution]/.autopilot/db/channel_depth_info/channel.zip [concat [list channel_info.csv $info] $entries]
}

# cosim_design -setup of Vivado HLS: the xsim script <project>.tcl (logs every wave, then runs) and run_sim.tcl, which
# defines xsim's scope, object and VCD commands over the FIFO instances of the design (two array elements per profiled
# stream, occupancy rising to the stream's maximum for element 0 and to one less for element 1, DEPTH the stream's
# depth) and writes the VCD at close_vcd
proc standin_xsim_setup {} {
    global project_name
    set fifos [profiled_streams]
    set dir [solution]/sim/verilog
    write_file $dir/${project_name}.tcl "log_wave -r /\nrun all\nquit\n"
    write_file $dir/run_sim.tcl [string map [list @FIFOS@ [list $fifos] @PRJ@ $project_name \
        @SCRIPT@ [list [file normalize $dir/${project_name}.tcl]]] {
        set ::fifos @FIFOS@
        set ::design /apatb_@PRJ@_top/AESL_inst_@PRJ@
        set ::scope /
        set ::logged {}
        proc current_scope {args} { if {[llength $args]} { set ::scope [lindex $args 0] }; return $::scope }
        proc get_scopes {args} {
            set out {}
            foreach {name depth max} $::fifos {
                lappend out $::design/${name}_V_data_0_V_U $::design/${name}_V_data_1_V_U
            }
            lappend out $::design/grp_dense_fu_100
            return $out
        }
        proc get_objects {args} {
            if {[string match *_U $::scope]} { return [list $::scope/[lindex $args end]] }
            return {}
        }
        proc open_vcd {args} { set ::vcd [lindex $args 0] }
        proc log_vcd {args} { foreach o [lindex $args 0] { lappend ::logged $o } }
        proc run {args} {}
        proc flush_vcd {args} {}
        proc bits {v} {
            set s ""
            for {set i 31} {$i >= 0} {incr i -1} { append s [expr {($v >> $i) & 1}] }
            return $s
        }
        proc close_vcd {args} {
            set f [open $::vcd w]
            puts $f "\$timescale 1ps \$end"
            puts $f "\$scope module apatb_@PRJ@_top \$end"
            puts $f "\$scope module AESL_inst_@PRJ@ \$end"
            set id 0
            set changes {}
            foreach {name depth max} $::fifos {
                foreach k {0 1} {
                    set inst ${name}_V_data_${k}_V_U
                    if {[lsearch -exact $::logged $::design/$inst/usedw] < 0} { continue }
                    puts $f "\$scope module $inst \$end"
                    puts $f "\$var wire 32 u$id usedw \[31:0\] \$end"
                    puts $f "\$var parameter 32 d$id DEPTH \[31:0\] \$end"
                    puts $f "\$upscope \$end"
                    set top [expr {$k == 0 ? $max : max($max - 1, 0)}]
                    foreach v [list 0 [expr {$top / 2}] $top 0] { lappend changes "b[bits $v] u$id" }
                    lappend changes "b[bits $depth] d$id"
                    incr id
                }
            }
            puts $f "\$upscope \$end"
            puts $f "\$upscope \$end"
            puts $f "\$enddefinitions \$end"
            set t 0
            foreach c $changes {
                puts $f "#$t"
                puts $f $c
                incr t 1000
            }
            close $f
        }
        proc quit {args} {}
        source @SCRIPT@
    }]
}

# a zip archive of stored (uncompressed) entries, each {name text}, in the given order; the entries are dated now and
# the archive comment holds the time in microseconds, so two exports of the same design never have the same bytes
proc write_zip {path entries} {
    set now [clock seconds]
    lassign [clock format $now -format {%Y %m %d %H %M %S}] y mo d h mi s
    scan "$y $mo $d $h $mi $s" {%d %d %d %d %d %d} y mo d h mi s
    set dostime [expr {($h << 11) | ($mi << 5) | ($s / 2)}]
    set dosdate [expr {(($y - 1980) << 9) | ($mo << 5) | $d}]
    set body ""
    set central ""
    foreach {name text} $entries {
        set data [encoding convertto utf-8 $text]
        set crc [zlib crc32 $data]
        set size [string length $data]
        set offset [string length $body]
        append body [binary format iusssssiiiss 0x04034b50 20 0 0 $dostime $dosdate $crc $size $size \
            [string length $name] 0] $name $data
        append central [binary format iussssssiiisssssii 0x02014b50 20 20 0 0 $dostime $dosdate $crc $size $size \
            [string length $name] 0 0 0 0 0 $offset] $name
    }
    set comment "stand-in export [clock microseconds]"
    set count [expr {[llength $entries] / 2}]
    set end [binary format issssiis 0x06054b50 0 0 $count $count [string length $central] [string length $body] \
        [string length $comment]]
    file mkdir [file dirname $path]
    set f [open $path wb]
    puts -nonewline $f $body$central$end$comment
    close $f
}

# export_design -format ip_catalog -version <v>: solution1/impl/ip with component.xml (VLNV
# xilinx.com:hls:<project>:<v>) and xilinx_com_hls_<project>_<v with _>.zip, laid out as the vendor's: directory
# entries, hdl/verilog/*.v, xgui/<project>_v<v>.tcl, component.xml (not in name order); Vitis HLS also impl/export.zip
proc export_design {args} {
    if {![enter export_design {*}$args]} { return }
    global project_name
    set i [lsearch -exact $args -version]
    set version 1.0
    if {$i >= 0} {
        set version [lindex $args [expr {$i + 1}]]
    }
    set v_ [string map {. _} $version]
    set component [string map [list @TOP@ $project_name @VERSION@ $version] {<?xml version="1.0" encoding="UTF-8"?>
<spirit:component xmlns:xilinx="http://www.xilinx.com" xmlns:spirit="http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <spirit:vendor>xilinx.com</spirit:vendor>
  <spirit:library>hls</spirit:library>
  <spirit:name>@TOP@</spirit:name>
  <spirit:version>@VERSION@</spirit:version>
  <spirit:description>An IP generated by Vivado HLS (stand-in)</spirit:description>
</spirit:component>
}]
    set entries [list \
        xgui/ "" \
        xgui/${project_name}_v${v_}.tcl "# stand-in xgui of ${project_name}\nproc init_gui { IPINST } {}\n" \
        hdl/ "" \
        hdl/verilog/ "" \
        hdl/verilog/${project_name}.v "// stand-in RTL of ${project_name}\nmodule ${project_name}(input ap_clk);\nendmodule\n" \
        hdl/verilog/${project_name}_dense.v "// stand-in RTL\nmodule ${project_name}_dense(input ap_clk);\nendmodule\n" \
        component.xml $component]
    set ip [solution]/impl/ip
    write_file $ip/component.xml $component
    write_zip $ip/xilinx_com_hls_${project_name}_${v_}.zip $entries
    if {$::standin_vitis} {
        write_zip [solution]/impl/export.zip $entries
    }
    puts "INFO: \[IMPL 213-8\] Exporting RTL as a Vivado IP."
}

source $script
