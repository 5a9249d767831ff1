// mvn verify with the FIFO flow: every inter-layer stream's pragma carries its maximum occupancy + 1, fifo_depths.json
// agrees with the pragmas and the Verilog, and the resized design's co-simulation equals csim and hls4ml.
def prj = new File(basedir, 'target/hls4ml/myproject')
def depths = new groovy.json.JsonSlurper().parse(new File(prj, 'fifo_depths.json'))
assert depths.engine == 'verilator'
assert depths.profiling_fifo_depth == 100000
def fifos = depths.findAll { k, v -> v instanceof Map && v.containsKey('max_occupancy') }
assert fifos.keySet() == (2..8).collect { "layer${it}_out".toString() } as Set

def cpp = new File(prj, 'firmware/myproject.cpp').text
def verilog = new File(prj, 'rtl/myproject.v').text
fifos.each { name, e ->
    assert e.optimized == e.max_occupancy + 1
    assert e.max_occupancy >= 1
    def pragma = (cpp =~ /#pragma HLS STREAM variable=${name} depth=(\d+)/)
    assert pragma.size() == 1 : "one pragma for ${name}"
    assert pragma[0][1] as int == e.optimized
    def constant = (verilog =~ /localparam integer DEPTH_${name} = (\d+);/)
    assert constant.size() == 1
    assert constant[0][1] as int == e.optimized
}
// the model's own input and output streams are not resized
assert !fifos.containsKey('input_1') && !fifos.containsKey('layer9_out')

def csim = new File(prj, 'tb_data/csim_results.log').text
def cosim = new File(prj, 'tb_data/rtl_cosim_results.log').text
assert cosim.readLines().size() == 10000
assert cosim == csim
assert cosim == new File(prj, 'tb_data/tb_output_predictions.dat').text
def report = new groovy.json.JsonSlurper().parse(new File(prj, 'reports/cosim.json'))
fifos.each { name, e -> assert report.fifos[name].depth == e.optimized }

// the IP zip, packaged before the co-simulation, was rebuilt from the optimized design
def zip = new java.util.zip.ZipFile(new File(basedir, 'target/fifo-depth-optimization-1.0.0-ip.zip'))
def entry = { name -> zip.getInputStream(zip.getEntry(name)).text }
assert entry('hdl/verilog/myproject.v') == verilog
assert entry('hls/firmware/myproject.cpp') == cpp
assert entry('reports/fifo_depths.json') == new File(prj, 'fifo_depths.json').text
assert zip.getEntry('reports/cosim.json') != null
zip.close()

def log = new File(basedir, 'build.log').text
assert log.contains('FIFO depths optimized; rebuilding the attached IP core from the optimized design')
assert log.contains('FIFO depths of myproject (fifo_depths.json, measured by verilator')
assert log.contains('max occupancy')
return true
