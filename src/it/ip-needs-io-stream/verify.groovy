// hls4ml:ip refuses io_parallel naming the setting and the skip property; nothing is packaged.
def log = new File(basedir, 'build.log').text
assert log.contains(':ip (default) @ ip-needs-io-stream')
assert log.contains('the project myproject is io_parallel: set IOType io_stream')
assert log.contains('-Dhls4ml.ip.skip')
assert !new File(basedir, 'target/ip-needs-io-stream-1.0.0-ip.zip').exists()
def leftovers = new File(basedir, 'target').listFiles().findAll { it.name.endsWith('.tmp') }
assert leftovers.isEmpty()
return true
