// mvn -T 2 package on two model modules: two IP zips, each with its own project only, built on two threads.
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('MultiThreadedBuilder') && log.contains('thread count of 2')

[['tagger-3layer', 'tagger3', 'tagger1', 256], ['tagger-1layer', 'tagger1', 'tagger3', 120]].each { module, name, other, inBits ->
    def zip = new File(basedir, "${module}/target/${module}-1.0.0-ip.zip")
    assert zip.isFile() : "no ${zip}"
    def names = new ZipFile(zip).withCloseable { z -> z.entries().collect { it.name } }
    assert names.contains("hdl/verilog/${name}.v".toString())
    assert names.contains("hls/firmware/${name}.cpp".toString())
    assert !names.any { it.contains(other) } : "${module} holds ${other}: ${names}"
    def xml = new ZipFile(zip).withCloseable { z -> z.getInputStream(z.getEntry('component.xml')).text }
    def c = new groovy.xml.XmlSlurper().parseText(xml)
    assert c.name.text() == name
    def tdata = c.model.ports.port.find { it.name.text() == 'input_1_TDATA' }
    assert (tdata.wire.vector.left.text() as int) + 1 == inBits
    assert log.contains("IP core org.example.hls4ml:hls4ml:${name}:1.0.0")
    // every entry carries project.build.outputTimestamp
    new ZipFile(zip).withCloseable { z ->
        z.entries().each { e -> assert e.timeLocal == java.time.LocalDateTime.of(2026, 1, 1, 0, 0) : e.name }
    }
}
return true
