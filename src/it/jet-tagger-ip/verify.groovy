// mvn install: the IP zip is attached with classifier ip, installed, and holds the Verilog, component.xml, the HLS
// project and the co-simulation report (hls4ml:cosim ran after hls4ml:ip and refreshed the zip).
import java.util.zip.ZipFile

def installed = new File(localRepositoryPath, 'org/example/hls4ml/jet-tagger-ip/1.0.0/jet-tagger-ip-1.0.0-ip.zip')
assert installed.isFile() : "not installed: ${installed}"
def built = new File(basedir, 'target/jet-tagger-ip-1.0.0-ip.zip')
assert built.bytes == installed.bytes

def names = new ZipFile(installed).withCloseable { z -> z.entries().collect { it.name } }
assert names == names.sort(false)
['component.xml', 'hdl/verilog/myproject.v', 'hdl/verilog/hls4ml_fifo.v', 'hdl/verilog/myproject_fc1_relu.v',
 'hls/firmware/myproject.cpp', 'hls/build_prj.tcl', 'hls/project.tcl', 'hls/vivado_synth.tcl',
 'hls/myproject_test.cpp', 'hls/hls4ml_config.yml', 'hls/hls4ml-project.json', 'hls/tb_data/csim_results.log',
 'hls/tb_data/rtl_cosim_results.log', 'reports/cosim.json'].each { assert names.contains(it) : "${it} missing from ${names}" }
assert names.findAll { it.startsWith('hdl/') }.every { it ==~ /hdl\/verilog\/\w+\.v/ }
assert !names.any { it.contains('tb_main') || it.endsWith('files.f') || it.contains('/build/') || it.contains('.hls4ml') }

def xml = new ZipFile(installed).withCloseable { z -> z.getInputStream(z.getEntry('component.xml')).text }
def component = new groovy.xml.XmlSlurper().parseText(xml)
assert component.name.text() == 'myproject'
assert component.version.text() == '1.0.0'
assert component.vendor.text() == 'org.example.hls4ml'
assert xml.contains('xmlns:spirit="http://www.spiritconsortium.org/XMLSchema/SPIRIT/1685-2009"')
assert component.busInterfaces.busInterface.size() == 4

def log = new File(basedir, 'build.log').text
assert log.contains('IP core org.example.hls4ml:hls4ml:myproject:1.0.0')
assert log.contains('co-simulation: latency')
assert log.contains('jet-tagger-ip-1.0.0-ip.zip')
return true
