// A synchronous first-word-fall-through FIFO with a valid/ready handshake on both sides.
// `count` and `depth_w` are public so the test bench can watch the occupancy.
module fifo #(
    parameter WIDTH = 16,
    parameter DEPTH = 4
) (
    input  wire             clk,
    input  wire             rst,
    input  wire [WIDTH-1:0] in_data,
    input  wire             in_valid,
    output wire             in_ready,
    output wire [WIDTH-1:0] out_data,
    output wire             out_valid,
    input  wire             out_ready
);
    localparam PW = DEPTH > 1 ? $clog2(DEPTH) : 1;
    localparam CW = $clog2(DEPTH + 1);
    localparam integer LAST_I = DEPTH - 1;
    localparam [PW-1:0] LAST = LAST_I[PW-1:0];
    localparam [CW-1:0] FULL = DEPTH[CW-1:0];

    reg [WIDTH-1:0] mem [0:DEPTH-1];
    reg [PW-1:0] rd;
    reg [PW-1:0] wr;
    reg [CW-1:0] count /*verilator public_flat_rd*/;
    wire [31:0] depth_w /*verilator public_flat_rd*/ = DEPTH;

    wire push = in_valid && in_ready;
    wire pop = out_valid && out_ready;

    assign in_ready = count != FULL;
    assign out_valid = count != {CW{1'b0}};
    assign out_data = mem[rd];

    always @(posedge clk) begin
        if (rst) begin
            rd <= {PW{1'b0}};
            wr <= {PW{1'b0}};
            count <= {CW{1'b0}};
        end else begin
            if (push) begin
                mem[wr] <= in_data;
                wr <= wr == LAST ? {PW{1'b0}} : wr + 1'b1;
            end
            if (pop) begin
                rd <= rd == LAST ? {PW{1'b0}} : rd + 1'b1;
            end
            if (push && !pop) begin
                count <= count + 1'b1;
            end else if (pop && !push) begin
                count <= count - 1'b1;
            end
        end
    end
endmodule
