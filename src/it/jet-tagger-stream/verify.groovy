// mvn verify: the RTL co-simulation of the io_stream jet tagger equals the C simulation and hls4ml, value for value.
def prj = new File(basedir, 'target/hls4ml/myproject')
assert new File(prj, 'rtl/myproject.v').isFile()
def csim = new File(prj, 'tb_data/csim_results.log').text
def cosim = new File(prj, 'tb_data/rtl_cosim_results.log').text
def hls4ml = new File(prj, 'tb_data/tb_output_predictions.dat').text
assert cosim.readLines().size() == 10000
assert cosim == csim
assert cosim == hls4ml
def report = new groovy.json.JsonSlurper().parse(new File(prj, 'reports/cosim.json'))
assert report.samples == 10000
assert report.latency_cycles > 0
assert report.fifos.size() == 7
def log = new File(basedir, 'build.log').text
assert log.contains('layer2_out')
return true
