// The C simulation of the jet tagger must reproduce hls4ml's own outputs value for value.
def prj = new File(basedir, 'target/hls4ml/myproject')
assert new File(prj, 'firmware/myproject.cpp').isFile()
assert new File(prj, 'build_prj.tcl').isFile()
def results = new File(prj, 'tb_data/csim_results.log').readLines()
// the project keeps a copy of <outputPredictions>: hls4ml's own outputs for these inputs
def reference = new File(prj, 'tb_data/tb_output_predictions.dat').readLines()
assert reference.size() == 10000
assert results.size() == 10000
assert results.size() == reference.size()
results.eachWithIndex { line, i ->
    def a = line.trim().split(/\s+/).collect { new BigDecimal(it) }
    def b = reference[i].trim().split(/\s+/).collect { new BigDecimal(it) }
    assert a.size() == b.size()
    a.eachWithIndex { v, j -> assert v.compareTo(b[j]) == 0 : "sample ${i + 1} output ${j}: ${v} != ${b[j]}" }
}
def log = new File(basedir, 'build.log').text
assert log.contains('C simulation vs predictions')
return true
