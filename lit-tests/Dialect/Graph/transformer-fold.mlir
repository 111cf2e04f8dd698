// RUN: mlc-opt %s --canonicalize --split-input-file | FileCheck %s

// Constant folding of the transformer ops (the shape subgraphs of exported
// transformers). Expected values computed with numpy.

// Integer add/sub/mul/max/min with broadcasting; division truncates toward
// zero (-7 / 2 = -3, not the floor -4).
// CHECK-LABEL: func.func @fold_int_binary
// CHECK-DAG: %[[ADD:.+]] = mlc_graph.constant dense<{{\[}}[9, -5, 2], [13, 1, 6]]> : tensor<2x3xi64>
// CHECK-DAG: %[[SUB:.+]] = mlc_graph.constant dense<{{\[}}[5, -9, 8], [9, -3, 12]]> : tensor<2x3xi64>
// CHECK-DAG: %[[MUL:.+]] = mlc_graph.constant dense<{{\[}}[14, -14, -15], [22, -2, -27]]> : tensor<2x3xi64>
// CHECK-DAG: %[[DIV:.+]] = mlc_graph.constant dense<{{\[}}[3, -3, -1], [5, 0, -3]]> : tensor<2x3xi64>
// CHECK-DAG: %[[MAX:.+]] = mlc_graph.constant dense<{{\[}}[7, 2, 5], [11, 2, 9]]> : tensor<2x3xi64>
// CHECK-DAG: %[[MIN:.+]] = mlc_graph.constant dense<{{\[}}[2, -7, -3], [2, -1, -3]]> : tensor<2x3xi64>
// CHECK-NOT: mlc_graph.add
// CHECK-NOT: mlc_graph.sub
// CHECK-NOT: mlc_graph.mul
// CHECK-NOT: mlc_graph.div
// CHECK-NOT: mlc_graph.max
// CHECK-NOT: mlc_graph.min
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]]
func.func @fold_int_binary() -> (tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>) {
  %a = mlc_graph.constant dense<[[7, -7, 5], [11, -1, 9]]> : tensor<2x3xi64>
  %b = mlc_graph.constant dense<[2, 2, -3]> : tensor<3xi64>
  %0 = mlc_graph.add %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %1 = mlc_graph.sub %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %2 = mlc_graph.mul %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %3 = mlc_graph.div %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %4 = mlc_graph.max %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %5 = mlc_graph.min %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>
}

// -----

// Narrow integers wrap at their width.
// CHECK-LABEL: func.func @fold_i8_wraps
// CHECK-DAG: %[[ADD:.+]] = mlc_graph.constant dense<[-56, 0]> : tensor<2xi8>
// CHECK-DAG: %[[SUB:.+]] = mlc_graph.constant dense<[-104, -126]> : tensor<2xi8>
// CHECK-DAG: %[[MUL:.+]] = mlc_graph.constant dense<[16, 0]> : tensor<2xi8>
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]]
func.func @fold_i8_wraps() -> (tensor<2xi8>, tensor<2xi8>, tensor<2xi8>) {
  %a = mlc_graph.constant dense<[100, -128]> : tensor<2xi8>
  %b = mlc_graph.constant dense<[100, -128]> : tensor<2xi8>
  %c = mlc_graph.constant dense<[-100, 2]> : tensor<2xi8>
  %d = mlc_graph.constant dense<[4, -128]> : tensor<2xi8>
  // [200, -256] wrap to [-56, 0].
  %0 = mlc_graph.add %a, %b : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  // [-100 - 4, 2 - -128 = 130] wraps to [-104, -126].
  %1 = mlc_graph.sub %c, %d : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  // [4 * 4, -128 * -128 = 16384] wraps to [16, 0].
  %2 = mlc_graph.mul %d, %d : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi8>
  return %0, %1, %2 : tensor<2xi8>, tensor<2xi8>, tensor<2xi8>
}

// -----

// An integer division by zero is left to the generated code (which defines
// it); nothing folds.
// CHECK-LABEL: func.func @no_fold_int_div_by_zero
// CHECK-DAG: %[[A:.+]] = mlc_graph.constant dense<[6, 7]> : tensor<2xi32>
// CHECK-DAG: %[[B:.+]] = mlc_graph.constant dense<[3, 0]> : tensor<2xi32>
// CHECK: %[[D:.+]] = mlc_graph.div %[[A]], %[[B]] : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
// CHECK: return %[[D]]
func.func @no_fold_int_div_by_zero() -> tensor<2xi32> {
  %a = mlc_graph.constant dense<[6, 7]> : tensor<2xi32>
  %b = mlc_graph.constant dense<[3, 0]> : tensor<2xi32>
  %0 = mlc_graph.div %a, %b : (tensor<2xi32>, tensor<2xi32>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @fold_float_binary
// CHECK-DAG: %[[ADD:.+]] = mlc_graph.constant dense<{{\[}}[2.000000e+00, 2.000000e+00, 2.000000e+00], [5.000000e-01, 5.000000e+00, -5.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[SUB:.+]] = mlc_graph.constant dense<{{\[}}[1.000000e+00, -6.000000e+00, 4.000000e+00], [-5.000000e-01, -3.000000e+00, -3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MUL:.+]] = mlc_graph.constant dense<{{\[}}[7.500000e-01, -8.000000e+00, -3.000000e+00], [0.000000e+00, 4.000000e+00, 4.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[DIV:.+]] = mlc_graph.constant dense<{{\[}}[3.000000e+00, -5.000000e-01, -3.000000e+00], [0.000000e+00, 2.500000e-01, 4.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MAX:.+]] = mlc_graph.constant dense<{{\[}}[1.500000e+00, 4.000000e+00, 3.000000e+00], [5.000000e-01, 4.000000e+00, -1.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[MIN:.+]] = mlc_graph.constant dense<{{\[}}[5.000000e-01, -2.000000e+00, -1.000000e+00], [0.000000e+00, 1.000000e+00, -4.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[POW:.+]] = mlc_graph.constant dense<[8.000000e+00, 2.000000e+00, 3.000000e+00, 1.000000e+00]> : tensor<4xf32>
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]], %[[MAX]], %[[MIN]], %[[POW]]
func.func @fold_float_binary() -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf32>) {
  %a = mlc_graph.constant dense<[[1.5, -2.0, 3.0], [0.0, 1.0, -4.0]]> : tensor<2x3xf32>
  %b = mlc_graph.constant dense<[0.5, 4.0, -1.0]> : tensor<3xf32>
  %0 = mlc_graph.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = mlc_graph.sub %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %2 = mlc_graph.mul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = mlc_graph.div %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = mlc_graph.max %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %5 = mlc_graph.min %b, %a : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %p = mlc_graph.constant dense<[2.0, 4.0, 9.0, 5.0]> : tensor<4xf32>
  %q = mlc_graph.constant dense<[3.0, 0.5, 0.5, 0.0]> : tensor<4xf32>
  %6 = mlc_graph.pow %p, %q : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<4xf32>
}

// -----

// max and min propagate NaN, as the generated code (arith.maximumf /
// minimumf) and onnxruntime do.
// CHECK-LABEL: func.func @fold_max_min_nan
// CHECK-DAG: %[[MAX:.+]] = mlc_graph.constant dense<[0x7FC00000, 0x7FC00000, 3.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[MIN:.+]] = mlc_graph.constant dense<[0x7FC00000, 0x7FC00000, 2.000000e+00]> : tensor<3xf32>
// CHECK: return %[[MAX]], %[[MIN]]
func.func @fold_max_min_nan() -> (tensor<3xf32>, tensor<3xf32>) {
  %a = mlc_graph.constant dense<[0x7FC00000, 1.0, 2.0]> : tensor<3xf32>
  %b = mlc_graph.constant dense<[1.0, 0x7FC00000, 3.0]> : tensor<3xf32>
  %0 = mlc_graph.max %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = mlc_graph.min %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Float comparisons produce i1 tensors.
// CHECK-LABEL: func.func @fold_compare_float
// CHECK-DAG: %[[EQ:.+]] = mlc_graph.constant dense<[false, true, false]> : tensor<3xi1>
// CHECK-DAG: %[[LT:.+]] = mlc_graph.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: %[[LE:.+]] = mlc_graph.constant dense<[true, true, false]> : tensor<3xi1>
// CHECK-DAG: %[[GT:.+]] = mlc_graph.constant dense<[false, false, true]> : tensor<3xi1>
// CHECK-DAG: %[[GE:.+]] = mlc_graph.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-NOT: mlc_graph.equal
// CHECK-NOT: mlc_graph.less
// CHECK-NOT: mlc_graph.greater
// CHECK: return %[[EQ]], %[[LT]], %[[LE]], %[[GT]], %[[GE]]
func.func @fold_compare_float() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %a = mlc_graph.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = mlc_graph.constant dense<2.0> : tensor<f32>
  %0 = mlc_graph.equal %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %1 = mlc_graph.less %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %2 = mlc_graph.less_equal %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %3 = mlc_graph.greater %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %4 = mlc_graph.greater_equal %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// Integer comparisons are signed (i8 -1 < 1, 127 > -128), with broadcasting.
// CHECK-LABEL: func.func @fold_compare_int
// CHECK-DAG: %[[LT:.+]] = mlc_graph.constant dense<{{\[}}[false, true, true], [false, false, false]]> : tensor<2x3xi1>
// CHECK-DAG: %[[EQ:.+]] = mlc_graph.constant dense<{{\[}}[false, false, false], [false, false, true]]> : tensor<2x3xi1>
// CHECK-DAG: %[[GT:.+]] = mlc_graph.constant dense<[false, true]> : tensor<2xi1>
// CHECK-DAG: %[[LE:.+]] = mlc_graph.constant dense<[true, false]> : tensor<2xi1>
// CHECK: return %[[LT]], %[[EQ]], %[[GT]], %[[LE]]
func.func @fold_compare_int() -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2xi1>, tensor<2xi1>) {
  %a = mlc_graph.constant dense<[[-1], [3]]> : tensor<2x1xi64>
  %b = mlc_graph.constant dense<[-2, 0, 3]> : tensor<3xi64>
  %0 = mlc_graph.less %a, %b : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %1 = mlc_graph.equal %a, %b : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %c = mlc_graph.constant dense<[-1, 127]> : tensor<2xi8>
  %d = mlc_graph.constant dense<[1, -128]> : tensor<2xi8>
  %2 = mlc_graph.greater %c, %d : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi1>
  %3 = mlc_graph.less_equal %c, %d : (tensor<2xi8>, tensor<2xi8>) -> tensor<2xi1>
  return %0, %1, %2, %3 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2xi1>, tensor<2xi1>
}

// -----

// i1 operands compare as 0 and 1 (numpy: False < True).
// CHECK-LABEL: func.func @fold_compare_bool
// CHECK-DAG: %[[LT:.+]] = mlc_graph.constant dense<[true, false, false, false]> : tensor<4xi1>
// CHECK-DAG: %[[GE:.+]] = mlc_graph.constant dense<[false, true, true, true]> : tensor<4xi1>
// CHECK-DAG: %[[EQ:.+]] = mlc_graph.constant dense<[false, false, true, true]> : tensor<4xi1>
// CHECK: return %[[LT]], %[[GE]], %[[EQ]]
func.func @fold_compare_bool() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %a = mlc_graph.constant dense<[false, true, false, true]> : tensor<4xi1>
  %b = mlc_graph.constant dense<[true, false, false, true]> : tensor<4xi1>
  %0 = mlc_graph.less %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %1 = mlc_graph.greater_equal %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = mlc_graph.equal %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// CHECK-LABEL: func.func @fold_logic
// CHECK-DAG: %[[NOT:.+]] = mlc_graph.constant dense<[false, false, true, true]> : tensor<4xi1>
// CHECK-DAG: %[[AND:.+]] = mlc_graph.constant dense<[true, false, false, false]> : tensor<4xi1>
// CHECK-DAG: %[[OR:.+]] = mlc_graph.constant dense<[true, true, true, false]> : tensor<4xi1>
// CHECK-DAG: %[[XOR:.+]] = mlc_graph.constant dense<[false, true, true, false]> : tensor<4xi1>
// CHECK-NOT: mlc_graph.not
// CHECK-NOT: mlc_graph.and
// CHECK-NOT: mlc_graph.or
// CHECK-NOT: mlc_graph.xor
// CHECK: return %[[NOT]], %[[AND]], %[[OR]], %[[XOR]]
func.func @fold_logic() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %a = mlc_graph.constant dense<[true, true, false, false]> : tensor<4xi1>
  %b = mlc_graph.constant dense<[true, false, true, false]> : tensor<4xi1>
  %0 = mlc_graph.not %a : tensor<4xi1>
  %1 = mlc_graph.and %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %2 = mlc_graph.or %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = mlc_graph.xor %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0, %1, %2, %3 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// where broadcasts all three operands; a shape subgraph (equal -> where)
// folds completely.
// CHECK-LABEL: func.func @fold_where
// CHECK-DAG: %[[F:.+]] = mlc_graph.constant dense<{{\[}}[1.000000e+00, 1.000000e+01, 3.000000e+00], [2.000000e+01, 2.000000e+00, 2.000000e+01]]> : tensor<2x3xf32>
// CHECK-DAG: %[[I:.+]] = mlc_graph.constant dense<{{\[}}[1, -1, -1], [4, -1, -1]]> : tensor<2x3xi64>
// CHECK-DAG: %[[S:.+]] = mlc_graph.constant dense<[1, 7, 1]> : tensor<3xi64>
// CHECK-NOT: mlc_graph.where
// CHECK-NOT: mlc_graph.equal
// CHECK: return %[[F]], %[[I]], %[[S]]
func.func @fold_where() -> (tensor<2x3xf32>, tensor<2x3xi64>, tensor<3xi64>) {
  %c = mlc_graph.constant dense<[[true, false, true], [false, true, false]]> : tensor<2x3xi1>
  %x = mlc_graph.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %y = mlc_graph.constant dense<[[10.0], [20.0]]> : tensor<2x1xf32>
  %0 = mlc_graph.where %c, %x, %y : (tensor<2x3xi1>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %d = mlc_graph.constant dense<[true, false, false]> : tensor<3xi1>
  %u = mlc_graph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %v = mlc_graph.constant dense<-1> : tensor<i64>
  %1 = mlc_graph.where %d, %u, %v : (tensor<3xi1>, tensor<2x3xi64>, tensor<i64>) -> tensor<2x3xi64>
  // ONNX Expand shape idiom: where(shape == -1, 1, shape).
  %shape = mlc_graph.constant dense<[-1, 7, -1]> : tensor<3xi64>
  %m1 = mlc_graph.constant dense<-1> : tensor<1xi64>
  %one = mlc_graph.constant dense<1> : tensor<3xi64>
  %eq = mlc_graph.equal %shape, %m1 : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi1>
  %2 = mlc_graph.where %eq, %one, %shape : (tensor<3xi1>, tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xi64>, tensor<3xi64>
}

// -----

// float -> int truncates toward zero and saturates at the largest floats
// inside the target's range, as the generated code does; NaN becomes 0.
// CHECK-LABEL: func.func @fold_cast_float_to_int
// CHECK-DAG: %[[I32:.+]] = mlc_graph.constant dense<[2, -2, 0, 0, 2147483520, -2147483648]> : tensor<6xi32>
// CHECK-DAG: %[[I8:.+]] = mlc_graph.constant dense<[127, 127, -128, -128, 127, 0]> : tensor<6xi8>
// CHECK-DAG: %[[I64:.+]] = mlc_graph.constant dense<[9223371487098961920, -9223372036854775808, -7]> : tensor<3xi64>
// CHECK-NOT: mlc_graph.cast
// CHECK: return %[[I32]], %[[I8]], %[[I64]]
func.func @fold_cast_float_to_int() -> (tensor<6xi32>, tensor<6xi8>, tensor<3xi64>) {
  %a = mlc_graph.constant dense<[2.7, -2.7, 0.5, -0.5, 3.0e9, -3.0e9]> : tensor<6xf32>
  %0 = mlc_graph.cast %a : tensor<6xf32> -> tensor<6xi32>
  // 0x7FC00000 is NaN.
  %b = mlc_graph.constant dense<[127.9, 128.0, -128.9, -129.0, 300.0, 0x7FC00000]> : tensor<6xf32>
  %1 = mlc_graph.cast %b : tensor<6xf32> -> tensor<6xi8>
  %c = mlc_graph.constant dense<[1.0e20, -1.0e20, -7.9]> : tensor<3xf32>
  %2 = mlc_graph.cast %c : tensor<3xf32> -> tensor<3xi64>
  return %0, %1, %2 : tensor<6xi32>, tensor<6xi8>, tensor<3xi64>
}

// -----

// int -> float rounds to nearest (2^24 + 1 is not an f32; 2^24 prints as
// 0x4B800000); int -> int truncates or sign-extends; i1 -> int and
// i1 -> float give 0 or 1.
// CHECK-LABEL: func.func @fold_cast_int
// CHECK-DAG: %[[F:.+]] = mlc_graph.constant dense<[-3.000000e+00, 0x4B800000, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[TRUNC:.+]] = mlc_graph.constant dense<[44, 127, 5]> : tensor<3xi8>
// CHECK-DAG: %[[EXT:.+]] = mlc_graph.constant dense<[-1, 127]> : tensor<2xi64>
// CHECK-DAG: %[[BI:.+]] = mlc_graph.constant dense<[1, 0]> : tensor<2xi32>
// CHECK-DAG: %[[BF:.+]] = mlc_graph.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-NOT: mlc_graph.cast
// CHECK: return %[[F]], %[[TRUNC]], %[[EXT]], %[[BI]], %[[BF]]
func.func @fold_cast_int() -> (tensor<3xf32>, tensor<3xi8>, tensor<2xi64>, tensor<2xi32>, tensor<2xf32>) {
  %a = mlc_graph.constant dense<[-3, 16777217, 0]> : tensor<3xi64>
  %0 = mlc_graph.cast %a : tensor<3xi64> -> tensor<3xf32>
  %b = mlc_graph.constant dense<[300, -129, 5]> : tensor<3xi64>
  %1 = mlc_graph.cast %b : tensor<3xi64> -> tensor<3xi8>
  %c = mlc_graph.constant dense<[-1, 127]> : tensor<2xi8>
  %2 = mlc_graph.cast %c : tensor<2xi8> -> tensor<2xi64>
  %d = mlc_graph.constant dense<[true, false]> : tensor<2xi1>
  %3 = mlc_graph.cast %d : tensor<2xi1> -> tensor<2xi32>
  %4 = mlc_graph.cast %d : tensor<2xi1> -> tensor<2xf32>
  return %0, %1, %2, %3, %4 : tensor<3xf32>, tensor<3xi8>, tensor<2xi64>, tensor<2xi32>, tensor<2xf32>
}

// -----

// Anything -> i1 is `!= 0`: -0.0 is false, NaN is true (NaN != 0).
// CHECK-LABEL: func.func @fold_cast_to_bool
// CHECK-DAG: %[[FB:.+]] = mlc_graph.constant dense<[false, false, true, true]> : tensor<4xi1>
// CHECK-DAG: %[[IB:.+]] = mlc_graph.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-NOT: mlc_graph.cast
// CHECK: return %[[FB]], %[[IB]]
func.func @fold_cast_to_bool() -> (tensor<4xi1>, tensor<3xi1>) {
  %a = mlc_graph.constant dense<[0.0, -0.0, 0.5, 0x7FC00000]> : tensor<4xf32>
  %0 = mlc_graph.cast %a : tensor<4xf32> -> tensor<4xi1>
  %b = mlc_graph.constant dense<[0, 2, -1]> : tensor<3xi64>
  %1 = mlc_graph.cast %b : tensor<3xi64> -> tensor<3xi1>
  return %0, %1 : tensor<4xi1>, tensor<3xi1>
}

// -----

// A cast to the same type, an identity slice and an identity broadcast
// forward their input.
// CHECK-LABEL: func.func @identity
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]]
func.func @identity(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = mlc_graph.cast %x : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = mlc_graph.slice %x {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = mlc_graph.broadcast %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// A reversing slice keeps the input's type but is no identity.
// CHECK-LABEL: func.func @no_fold_slice_of_argument
// CHECK: mlc_graph.slice
func.func @no_fold_slice_of_argument(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mlc_graph.slice %x {starts = array<i64: 3>, steps = array<i64: -1>} : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// x = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
// x[0:3:1, 1:4:2] and x[2::-1, 3::-2].
// CHECK-LABEL: func.func @fold_slice
// CHECK-DAG: %[[POS:.+]] = mlc_graph.constant dense<{{\[}}[1, 3], [5, 7], [9, 11]]> : tensor<3x2xi64>
// CHECK-DAG: %[[NEG:.+]] = mlc_graph.constant dense<{{\[}}[11, 9], [7, 5], [3, 1]]> : tensor<3x2xi64>
// CHECK-DAG: %[[ROW:.+]] = mlc_graph.constant dense<{{\[}}[6, 5, 4]]> : tensor<1x3xi64>
// CHECK-NOT: mlc_graph.slice
// CHECK: return %[[POS]], %[[NEG]], %[[ROW]]
func.func @fold_slice() -> (tensor<3x2xi64>, tensor<3x2xi64>, tensor<1x3xi64>) {
  %x = mlc_graph.constant dense<[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]> : tensor<3x4xi64>
  %0 = mlc_graph.slice %x {starts = array<i64: 0, 1>, steps = array<i64: 1, 2>} : tensor<3x4xi64> -> tensor<3x2xi64>
  %1 = mlc_graph.slice %x {starts = array<i64: 2, 3>, steps = array<i64: -1, -2>} : tensor<3x4xi64> -> tensor<3x2xi64>
  %2 = mlc_graph.slice %x {starts = array<i64: 1, 2>, steps = array<i64: 1, -1>} : tensor<3x4xi64> -> tensor<1x3xi64>
  return %0, %1, %2 : tensor<3x2xi64>, tensor<3x2xi64>, tensor<1x3xi64>
}

// -----

// CHECK-LABEL: func.func @fold_broadcast
// CHECK-DAG: %[[ROWS:.+]] = mlc_graph.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG: %[[COLS:.+]] = mlc_graph.constant dense<{{\[}}{{\[}}[5, 5, 5], [6, 6, 6]], {{\[}}[5, 5, 5], [6, 6, 6]]]> : tensor<2x2x3xi64>
// CHECK-NOT: mlc_graph.broadcast
// CHECK: return %[[ROWS]], %[[COLS]]
func.func @fold_broadcast() -> (tensor<2x3xf32>, tensor<2x2x3xi64>) {
  %a = mlc_graph.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %0 = mlc_graph.broadcast %a : tensor<1x3xf32> -> tensor<2x3xf32>
  %b = mlc_graph.constant dense<[[5], [6]]> : tensor<2x1xi64>
  %1 = mlc_graph.broadcast %b : tensor<2x1xi64> -> tensor<2x2x3xi64>
  return %0, %1 : tensor<2x3xf32>, tensor<2x2x3xi64>
}

// -----

// x = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]; numpy triu / tril with
// k = 0, 1, -1. Negative k and negative j - i (below the diagonal) must
// compare as signed.
// CHECK-LABEL: func.func @fold_trilu
// CHECK-DAG: %[[U0:.+]] = mlc_graph.constant dense<{{\[}}[1, 2, 3, 4], [0, 6, 7, 8], [0, 0, 11, 12]]> : tensor<3x4xi64>
// CHECK-DAG: %[[U1:.+]] = mlc_graph.constant dense<{{\[}}[0, 2, 3, 4], [0, 0, 7, 8], [0, 0, 0, 12]]> : tensor<3x4xi64>
// CHECK-DAG: %[[UM1:.+]] = mlc_graph.constant dense<{{\[}}[1, 2, 3, 4], [5, 6, 7, 8], [0, 10, 11, 12]]> : tensor<3x4xi64>
// CHECK-DAG: %[[L0:.+]] = mlc_graph.constant dense<{{\[}}[1, 0, 0, 0], [5, 6, 0, 0], [9, 10, 11, 0]]> : tensor<3x4xi64>
// CHECK-DAG: %[[L1:.+]] = mlc_graph.constant dense<{{\[}}[1, 2, 0, 0], [5, 6, 7, 0], [9, 10, 11, 12]]> : tensor<3x4xi64>
// CHECK-DAG: %[[LM1:.+]] = mlc_graph.constant dense<{{\[}}[0, 0, 0, 0], [5, 0, 0, 0], [9, 10, 0, 0]]> : tensor<3x4xi64>
// CHECK-NOT: mlc_graph.trilu
// CHECK: return %[[U0]], %[[U1]], %[[UM1]], %[[L0]], %[[L1]], %[[LM1]]
func.func @fold_trilu() -> (tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>) {
  %x = mlc_graph.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]> : tensor<3x4xi64>
  %0 = mlc_graph.trilu %x {upper = true, k = 0 : i64} : tensor<3x4xi64>
  %1 = mlc_graph.trilu %x {upper = true, k = 1 : i64} : tensor<3x4xi64>
  %2 = mlc_graph.trilu %x {upper = true, k = -1 : i64} : tensor<3x4xi64>
  %3 = mlc_graph.trilu %x {upper = false, k = 0 : i64} : tensor<3x4xi64>
  %4 = mlc_graph.trilu %x {upper = false, k = 1 : i64} : tensor<3x4xi64>
  %5 = mlc_graph.trilu %x {upper = false, k = -1 : i64} : tensor<3x4xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>, tensor<3x4xi64>
}

// -----

// Batched f32 and i1 (causal mask) trilu: the triangle is taken per matrix
// of the last two dims.
// CHECK-LABEL: func.func @fold_trilu_batched
// CHECK-DAG: %[[L:.+]] = mlc_graph.constant dense<{{\[}}{{\[}}[1.000000e+00, 0.000000e+00], [3.000000e+00, 4.000000e+00]], {{\[}}[5.000000e+00, 0.000000e+00], [7.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK-DAG: %[[U:.+]] = mlc_graph.constant dense<{{\[}}{{\[}}[0.000000e+00, 2.000000e+00], [0.000000e+00, 0.000000e+00]], {{\[}}[0.000000e+00, 6.000000e+00], [0.000000e+00, 0.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK-DAG: %[[MASK:.+]] = mlc_graph.constant dense<{{\[}}[true, false, false], [true, true, false], [true, true, true]]> : tensor<3x3xi1>
// CHECK: return %[[L]], %[[U]], %[[MASK]]
func.func @fold_trilu_batched() -> (tensor<2x2x2xf32>, tensor<2x2x2xf32>, tensor<3x3xi1>) {
  %x = mlc_graph.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %0 = mlc_graph.trilu %x {upper = false, k = 0 : i64} : tensor<2x2x2xf32>
  %1 = mlc_graph.trilu %x {upper = true, k = 1 : i64} : tensor<2x2x2xf32>
  %ones = mlc_graph.constant dense<true> : tensor<3x3xi1>
  %2 = mlc_graph.trilu %ones {upper = false, k = 0 : i64} : tensor<3x3xi1>
  return %0, %1, %2 : tensor<2x2x2xf32>, tensor<2x2x2xf32>, tensor<3x3xi1>
}

// -----

// Unary math folds. Exact results are checked exactly; inexact ones to the
// digits that any correctly rounded libm agrees on.
// CHECK-LABEL: func.func @fold_unary
// CHECK-DAG: %[[EXP:.+]] = mlc_graph.constant dense<[1.000000e+00, 2.71828{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[LOG:.+]] = mlc_graph.constant dense<[0.000000e+00, 0.69314{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[SQRT:.+]] = mlc_graph.constant dense<[3.000000e+00, 1.41421{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[NEG:.+]] = mlc_graph.constant dense<[-1.500000e+00, 2.500000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[ABS:.+]] = mlc_graph.constant dense<[1.250000e+00, 7.500000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[ERF:.+]] = mlc_graph.constant dense<[0.000000e+00, 0.52049{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[SIN:.+]] = mlc_graph.constant dense<[-0.000000e+00, 0.84147{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[COS:.+]] = mlc_graph.constant dense<[1.000000e+00, 0.54030{{[0-9]*}}]> : tensor<2xf32>
// CHECK-DAG: %[[REC:.+]] = mlc_graph.constant dense<[2.500000e-01, -2.000000e+00]> : tensor<2xf32>
// CHECK-NOT: mlc_graph.exp
// CHECK-NOT: mlc_graph.log
// CHECK-NOT: mlc_graph.sqrt
// CHECK-NOT: mlc_graph.neg
// CHECK-NOT: mlc_graph.abs
// CHECK-NOT: mlc_graph.erf
// CHECK-NOT: mlc_graph.sin
// CHECK-NOT: mlc_graph.cos
// CHECK-NOT: mlc_graph.reciprocal
// CHECK: return %[[EXP]], %[[LOG]], %[[SQRT]], %[[NEG]], %[[ABS]], %[[ERF]], %[[SIN]], %[[COS]], %[[REC]]
func.func @fold_unary() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %a = mlc_graph.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = mlc_graph.exp %a : tensor<2xf32>
  %b = mlc_graph.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = mlc_graph.log %b : tensor<2xf32>
  %c = mlc_graph.constant dense<[9.0, 2.0]> : tensor<2xf32>
  %2 = mlc_graph.sqrt %c : tensor<2xf32>
  %d = mlc_graph.constant dense<[1.5, -2.5]> : tensor<2xf32>
  %3 = mlc_graph.neg %d : tensor<2xf32>
  %e = mlc_graph.constant dense<[-1.25, 0.75]> : tensor<2xf32>
  %4 = mlc_graph.abs %e : tensor<2xf32>
  %f = mlc_graph.constant dense<[0.0, 0.5]> : tensor<2xf32>
  %5 = mlc_graph.erf %f : tensor<2xf32>
  %g = mlc_graph.constant dense<[-0.0, 1.0]> : tensor<2xf32>
  %6 = mlc_graph.sin %g : tensor<2xf32>
  %7 = mlc_graph.cos %g : tensor<2xf32>
  %h = mlc_graph.constant dense<[4.0, -0.5]> : tensor<2xf32>
  %8 = mlc_graph.reciprocal %h : tensor<2xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Nothing folds into a non-constant operand, and weights never fold.
// CHECK-LABEL: func.func @no_fold_non_constant
// CHECK: mlc_graph.cast
// CHECK: mlc_graph.less
// CHECK: mlc_graph.where
// CHECK: mlc_graph.trilu
// CHECK: mlc_graph.slice
// CHECK: mlc_graph.broadcast
func.func @no_fold_non_constant(%x: tensor<2x2xf32>) -> (tensor<2x2xi32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>, tensor<3x2x2xf32>) {
  %w = mlc_graph.constant dense_resource<w0> : tensor<2x2xf32>
  %0 = mlc_graph.cast %w : tensor<2x2xf32> -> tensor<2x2xi32>
  %1 = mlc_graph.less %x, %w : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xi1>
  %2 = mlc_graph.where %1, %x, %w : (tensor<2x2xi1>, tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %3 = mlc_graph.trilu %w {upper = false, k = 0 : i64} : tensor<2x2xf32>
  %4 = mlc_graph.slice %w {starts = array<i64: 1, 0>, steps = array<i64: 1, 1>} : tensor<2x2xf32> -> tensor<1x2xf32>
  %5 = mlc_graph.broadcast %w : tensor<2x2xf32> -> tensor<3x2x2xf32>
  return %0, %2, %3, %4, %5 : tensor<2x2xi32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>, tensor<3x2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w0: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
