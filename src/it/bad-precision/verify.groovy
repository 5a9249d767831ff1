// The build must fail naming the file, the setting and the bad rounding mode, and leave no project behind.
def log = new File(basedir, 'build.log').text
assert log.contains('hls4ml_config.yml')
assert log.contains('HLSConfig.LayerName.fc1_relu.Precision.weight')
assert log.contains("unknown rounding mode 'AP_ROUND'")
assert !new File(basedir, 'target/hls4ml/myproject/hls4ml-project.json').exists()
return true
