rtl/fifo.v
rtl/mini_accum.v
rtl/mini.v
