// Takes N values, then emits their sum N times (a "layer" that needs a whole sample before its first output).
module mini_accum #(
    parameter WIDTH = 16,
    parameter N = 4
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
    localparam integer LAST_I = N - 1;
    localparam [2:0] LAST = LAST_I[2:0];

    reg [WIDTH-1:0] sum;
    reg [2:0] n;
    reg emitting;

    assign in_ready = !emitting;
    assign out_valid = emitting;
    assign out_data = sum;

    always @(posedge clk) begin
        if (rst) begin
            sum <= {WIDTH{1'b0}};
            n <= 3'd0;
            emitting <= 1'b0;
        end else if (!emitting) begin
            if (in_valid) begin
                sum <= n == 3'd0 ? in_data : sum + in_data;
                if (n == LAST) begin
                    n <= 3'd0;
                    emitting <= 1'b1;
                end else begin
                    n <= n + 3'd1;
                end
            end
        end else if (out_ready) begin
            if (n == LAST) begin
                n <= 3'd0;
                emitting <= 1'b0;
            end else begin
                n <= n + 3'd1;
            end
        end
    end
endmodule
