// out[i] = x[i] + sum(x) over a sample of 4 Q8.8 values, as a reconvergent stream:
// input FIFO -> fork -> (skip FIFO | mini_accum) -> join (add).
// The skip FIFO must hold a whole sample (depth >= 4) or the fork and the join wait on each other forever.
module mini #(
    parameter SKIP_DEPTH = 4
) (
    input  wire        ap_clk,
    input  wire        ap_rst,
    input  wire [15:0] in_data,
    input  wire        in_valid,
    output wire        in_ready,
    output wire [15:0] out_data,
    output wire        out_valid,
    input  wire        out_ready
);
    wire [15:0] a_data;
    wire a_valid;
    wire a_ready;
    fifo #(.WIDTH(16), .DEPTH(4)) u_in (
        .clk(ap_clk), .rst(ap_rst),
        .in_data(in_data), .in_valid(in_valid), .in_ready(in_ready),
        .out_data(a_data), .out_valid(a_valid), .out_ready(a_ready)
    );

    wire skip_in_ready;
    wire acc_in_ready;
    assign a_ready = skip_in_ready && acc_in_ready;

    wire [15:0] skip_data;
    wire skip_valid;
    wire skip_ready;
    fifo #(.WIDTH(16), .DEPTH(SKIP_DEPTH)) u_skip (
        .clk(ap_clk), .rst(ap_rst),
        .in_data(a_data), .in_valid(a_valid && acc_in_ready), .in_ready(skip_in_ready),
        .out_data(skip_data), .out_valid(skip_valid), .out_ready(skip_ready)
    );

    wire [15:0] acc_data;
    wire acc_valid;
    wire acc_ready;
    mini_accum #(.WIDTH(16), .N(4)) u_acc (
        .clk(ap_clk), .rst(ap_rst),
        .in_data(a_data), .in_valid(a_valid && skip_in_ready), .in_ready(acc_in_ready),
        .out_data(acc_data), .out_valid(acc_valid), .out_ready(acc_ready)
    );

    assign out_valid = skip_valid && acc_valid;
    assign out_data = skip_data + acc_data;
    assign skip_ready = out_ready && acc_valid;
    assign acc_ready = out_ready && skip_valid;
endmodule
