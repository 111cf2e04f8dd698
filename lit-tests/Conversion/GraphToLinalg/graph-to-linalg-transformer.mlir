// RUN: mlc-opt %s --pass-pipeline='builtin.module(func.func(mlc-convert-graph-to-linalg))' --split-input-file | FileCheck %s

// gather: a parallel generic over the result that reads the indices through
// a map onto their dims and extracts from the data at the index, wrapped
// when negative and clamped into [0, n).
// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: %[[T:[^:]+]]: tensor<10x4xf32>, %[[I:[^:]+]]: tensor<2x3xi64>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[I]] : tensor<2x3xi64>)
// CHECK: ^bb0(%[[IN:.+]]: i64, %{{.+}}: f32):
// CHECK: %[[COL:.+]] = linalg.index 2 : index
// CHECK: %[[RAW:.+]] = arith.index_cast %[[IN]] : i64 to index
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[N:.+]] = arith.constant 10 : index
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[RAW]], %[[ZERO]] : index
// CHECK: %[[WRAPPED:.+]] = arith.addi %[[RAW]], %[[N]] : index
// CHECK: %[[SEL:.+]] = arith.select %[[NEG]], %[[WRAPPED]], %[[RAW]] : index
// CHECK: %[[LO:.+]] = arith.maxsi %[[SEL]], %[[ZERO]] : index
// CHECK: %[[LAST:.+]] = arith.constant 9 : index
// CHECK: %[[ROW:.+]] = arith.minsi %[[LO]], %[[LAST]] : index
// CHECK: %[[V:.+]] = tensor.extract %[[T]][%[[ROW]], %[[COL]]] : tensor<10x4xf32>
// CHECK: linalg.yield %[[V]] : f32
// CHECK-NOT: mlc_graph
func.func @gather(%t: tensor<10x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = mlc_graph.gather %t, %i {axis = 0 : i64} : (tensor<10x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// gather along a middle axis: the indices map onto result dims 1 and 2; the
// data is read at (d0, index, d3).
// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @gather_axis1
// CHECK-SAME: %[[T:[^:]+]]: tensor<4x6x3xf32>, %[[I:[^:]+]]: tensor<2x5xi32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[I]] : tensor<2x5xi32>)
// CHECK: %[[D0:.+]] = linalg.index 0 : index
// CHECK: %[[D3:.+]] = linalg.index 3 : index
// CHECK: arith.index_cast %{{.+}} : i32 to index
// CHECK: arith.constant 6 : index
// CHECK: arith.maxsi
// CHECK: arith.constant 5 : index
// CHECK: %[[J:.+]] = arith.minsi
// CHECK: tensor.extract %[[T]][%[[D0]], %[[J]], %[[D3]]] : tensor<4x6x3xf32>
func.func @gather_axis1(%t: tensor<4x6x3xf32>, %i: tensor<2x5xi32>) -> tensor<4x2x5x3xf32> {
  %0 = mlc_graph.gather %t, %i {axis = 1 : i64} : (tensor<4x6x3xf32>, tensor<2x5xi32>) -> tensor<4x2x5x3xf32>
  return %0 : tensor<4x2x5x3xf32>
}

// -----

// Positive steps: a strided tensor.extract_slice. Negative steps: a generic
// that reads start + i * step.
// CHECK-LABEL: func.func @slice
// CHECK-SAME: %[[X:[^:]+]]: tensor<4x8xf32>
// CHECK: %[[POS:.+]] = tensor.extract_slice %[[X]][1, 2] [2, 3] [2, 1] : tensor<4x8xf32> to tensor<2x3xf32>
// CHECK: %[[NEG:.+]] = linalg.generic {indexing_maps = [#{{.+}}], iterator_types = ["parallel", "parallel"]} outs(%{{.+}} : tensor<2x4xf32>)
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[J:.+]] = linalg.index 1 : index
// CHECK: %[[B0:.+]] = arith.constant 3 : index
// CHECK: %[[S0:.+]] = arith.constant -2 : index
// CHECK: %[[M0:.+]] = arith.muli %[[I]], %[[S0]] : index
// CHECK: %[[R:.+]] = arith.addi %[[B0]], %[[M0]] : index
// CHECK: %[[B1:.+]] = arith.constant 7 : index
// CHECK: %[[S1:.+]] = arith.constant -1 : index
// CHECK: %[[M1:.+]] = arith.muli %[[J]], %[[S1]] : index
// CHECK: %[[C:.+]] = arith.addi %[[B1]], %[[M1]] : index
// CHECK: tensor.extract %[[X]][%[[R]], %[[C]]] : tensor<4x8xf32>
// CHECK: return %[[POS]], %[[NEG]]
func.func @slice(%x: tensor<4x8xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>) {
  %0 = mlc_graph.slice %x {starts = array<i64: 1, 2>, steps = array<i64: 2, 1>} : tensor<4x8xf32> -> tensor<2x3xf32>
  %1 = mlc_graph.slice %x {starts = array<i64: 3, 7>, steps = array<i64: -2, -1>} : tensor<4x8xf32> -> tensor<2x4xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x4xf32>
}

// -----

// reduce_*: a linalg.fill of the identity (0, -inf, INT_MAX), then a generic
// whose reduced dims are reduction iterators and absent from the output map.
// reduce_mean scales by 1/count (1/12 here) afterwards; keep_dims expands
// the reduced tensor back with unit dims.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEEP0:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[KEEP1:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[NONE:.+]] = affine_map<(d0, d1, d2) -> ()>
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW2:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @reductions
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x4xf32>, %[[I:[^:]+]]: tensor<2x3xi32>
// reduce_mean over [1, 2] with keep_dims:
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[F0:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEEP0]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[F0]] : tensor<2xf32>)
// CHECK: arith.addf
// CHECK: %[[INV:.+]] = arith.constant 0.0833333358 : f32
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2xf32>)
// CHECK: arith.mulf %{{.+}}, %[[INV]] : f32
// CHECK: %[[E:.+]] = tensor.expand_shape %[[MEAN]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// reduce_max over [0, 2]:
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[F1:.+]] = linalg.fill ins(%[[NINF]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEEP1]]], iterator_types = ["reduction", "parallel", "reduction"]} ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[F1]] : tensor<3xf32>)
// CHECK: arith.maximumf
// integer reduce_min over [1]:
// CHECK: %[[IMAX:.+]] = arith.constant 2147483647 : i32
// CHECK: %[[F2:.+]] = linalg.fill ins(%[[IMAX]] : i32) outs(%{{.+}} : tensor<2xi32>)
// CHECK: %[[MIN:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ROW2]]], iterator_types = ["parallel", "reduction"]} ins(%[[I]] : tensor<2x3xi32>) outs(%[[F2]] : tensor<2xi32>)
// CHECK: arith.minsi
// integer reduce_sum over all dims into a rank-0 tensor:
// CHECK: %[[IZ:.+]] = arith.constant 0 : i32
// CHECK: %[[F3:.+]] = linalg.fill ins(%[[IZ]] : i32) outs(%{{.+}} : tensor<i32>)
// CHECK: %[[TOT:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #{{.+}}], iterator_types = ["reduction", "reduction"]} ins(%[[I]] : tensor<2x3xi32>) outs(%[[F3]] : tensor<i32>)
// CHECK: arith.addi
// reduce_min (float) over all dims, keep_dims:
// CHECK: %[[PINF:.+]] = arith.constant 0x7F800000 : f32
// CHECK: linalg.fill ins(%[[PINF]] : f32) outs(%{{.+}} : tensor<f32>)
// CHECK: %[[ALL:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[NONE]]], iterator_types = ["reduction", "reduction", "reduction"]}
// CHECK: arith.minimumf
// CHECK: %[[E2:.+]] = tensor.expand_shape %[[ALL]] [] output_shape [1, 1, 1] : tensor<f32> into tensor<1x1x1xf32>
// CHECK: return %[[E]], %[[MAX]], %[[MIN]], %[[TOT]], %[[E2]]
func.func @reductions(%x: tensor<2x3x4xf32>, %i: tensor<2x3xi32>) -> (tensor<2x1x1xf32>, tensor<3xf32>, tensor<2xi32>, tensor<i32>, tensor<1x1x1xf32>) {
  %0 = mlc_graph.reduce_mean %x {axes = array<i64: 1, 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<2x1x1xf32>
  %1 = mlc_graph.reduce_max %x {axes = array<i64: 0, 2>} : tensor<2x3x4xf32> -> tensor<3xf32>
  %2 = mlc_graph.reduce_min %i {axes = array<i64: 1>} : tensor<2x3xi32> -> tensor<2xi32>
  %3 = mlc_graph.reduce_sum %i {axes = array<i64: 0, 1>} : tensor<2x3xi32> -> tensor<i32>
  %4 = mlc_graph.reduce_min %x {axes = array<i64: 0, 1, 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<1x1x1xf32>
  return %0, %1, %2, %3, %4 : tensor<2x1x1xf32>, tensor<3xf32>, tensor<2xi32>, tensor<i32>, tensor<1x1x1xf32>
}

// -----

// Integer reduce_max starts from INT_MIN and uses maxsi.
// CHECK-LABEL: func.func @reduce_max_int
// CHECK: %[[MIN:.+]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[MIN]] : i8)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.maxsi
func.func @reduce_max_int(%x: tensor<2x3xi8>) -> tensor<2xi8> {
  %0 = mlc_graph.reduce_max %x {axes = array<i64: 1>} : tensor<2x3xi8> -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

// layer_norm: a row sum, the mean, the squared deviations and their row sum
// (two reductions), then one parallel generic that applies
// (x - mean) * rsqrt(var + eps) * scale + bias, reading the statistics per
// row and scale and bias per column.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x3x4xf32>, %[[G:[^:]+]]: tensor<4xf32>, %[[B:[^:]+]]: tensor<4xf32>
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] :
// CHECK: arith.addf
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[SUM]] :
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: arith.mulf
// CHECK: %[[DEV:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]] :
// CHECK: %[[D:.+]] = arith.subf
// CHECK: arith.mulf %[[D]], %[[D]]
// CHECK: %[[SQ:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[DEV]] :
// CHECK: arith.addf
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[COL]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[SQ]], %[[G]], %[[B]] :
// CHECK: ^bb0(%[[XI:[^:]+]]: f32, %[[MI:[^:]+]]: f32, %[[SI:[^:]+]]: f32, %[[GI:[^:]+]]: f32, %[[BI:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[VAR:.+]] = arith.mulf %[[SI]], %{{.+}} : f32
// CHECK: %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK: %[[VE:.+]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK: %[[INV:.+]] = math.rsqrt %[[VE]] : f32
// CHECK: %[[C:.+]] = arith.subf %[[XI]], %[[MI]] : f32
// CHECK: %[[N:.+]] = arith.mulf %[[C]], %[[INV]] : f32
// CHECK: %[[S:.+]] = arith.mulf %[[N]], %[[GI]] : f32
// CHECK: %[[R:.+]] = arith.addf %[[S]], %[[BI]] : f32
// CHECK: linalg.yield %[[R]] : f32
// CHECK: return %[[Y]]
func.func @layer_norm(%x: tensor<2x3x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = mlc_graph.layer_norm %x, %g, %b {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// layer_norm over the last two dims without bias: the statistics are per
// leading index; a [3,1] scale broadcasts along the last dim; 1/12.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[SCALE:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @layer_norm_two_dims
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK: arith.constant 0.0833333358 : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction", "reduction"]}
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[SCALE]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK: math.rsqrt
// CHECK-NOT: arith.addf
// CHECK: linalg.yield
func.func @layer_norm_two_dims(%x: tensor<2x3x4xf32>, %g: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = mlc_graph.layer_norm %x, %g {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// rms_norm: one reduction of x * x, then x * rsqrt(sum / n + eps) * scale.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @rms_norm
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x4xf32>, %[[G:[^:]+]]: tensor<4xf32>
// CHECK: %[[SQ:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] :
// CHECK: ^bb0(%[[V:[^:]+]]: f32, %[[ACC:[^:]+]]: f32):
// CHECK: %[[P:.+]] = arith.mulf %[[V]], %[[V]] : f32
// CHECK: arith.addf %[[P]], %[[ACC]] : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[SQ]], %[[G]] :
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: arith.constant 9.99999997E-7 : f32
// CHECK: math.rsqrt
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @rms_norm(%x: tensor<2x4xf32>, %g: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = mlc_graph.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// cumsum: a generic with an extra reduction dim k (d2) that reads x at k
// along the axis and adds it where k <= i.
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: %[[X:[^:]+]]: tensor<2x5xi64>
// CHECK: %[[Z:.+]] = arith.constant 0 : i64
// CHECK: %[[F:.+]] = linalg.fill ins(%[[Z]] : i64) outs(%{{.+}} : tensor<2x5xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<2x5xi64>) outs(%[[F]] : tensor<2x5xi64>)
// CHECK: ^bb0(%[[V:[^:]+]]: i64, %[[ACC:[^:]+]]: i64):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[K:.+]] = linalg.index 2 : index
// CHECK: %[[TAKE:.+]] = arith.cmpi ule, %[[K]], %[[I]] : index
// CHECK: %[[T:.+]] = arith.select %[[TAKE]], %[[V]], %{{.+}} : i64
// CHECK: arith.addi %[[T]], %[[ACC]] : i64
func.func @cumsum(%x: tensor<2x5xi64>) -> tensor<2x5xi64> {
  %0 = mlc_graph.cumsum %x {axis = 1 : i64} : tensor<2x5xi64>
  return %0 : tensor<2x5xi64>
}

// -----

// Exclusive reverse cumsum along axis 0 takes k > i.
// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func.func @cumsum_exclusive_reverse
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.+}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[I:.+]] = linalg.index 0 : index
// CHECK: %[[K:.+]] = linalg.index 2 : index
// CHECK: arith.cmpi ugt, %[[K]], %[[I]] : index
// CHECK: arith.addf
func.func @cumsum_exclusive_reverse(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = mlc_graph.cumsum %x {axis = 0 : i64, exclusive = true, reverse = true} : tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// float -> int saturates before fptosi (out-of-range fptosi is poison) and
// maps NaN to 0; other casts are single arith ops.
// CHECK-LABEL: func.func @casts
// CHECK: ^bb0(%[[F:[^:]+]]: f32, %{{.+}}: i32):
// CHECK: %[[LO:.+]] = arith.constant -2.14748365E+9 : f32
// CHECK: %[[A:.+]] = arith.maximumf %[[F]], %[[LO]] : f32
// CHECK: %[[HI:.+]] = arith.constant 2.14748352E+9 : f32
// CHECK: %[[B:.+]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[F]], %[[F]] : f32
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[C:.+]] = arith.select %[[NAN]], %[[Z]], %[[B]] : f32
// CHECK: arith.fptosi %[[C]] : f32 to i32
// CHECK: ^bb0(%{{.+}}: f32, %{{.+}}: i8):
// CHECK: arith.constant -1.280000e+02 : f32
// CHECK: arith.maximumf
// CHECK: arith.constant 127.999992 : f32
// CHECK: arith.minimumf
// CHECK: arith.cmpf uno
// CHECK: arith.fptosi %{{.+}} : f32 to i8
// CHECK: arith.sitofp %{{.+}} : i64 to f32
// CHECK: arith.trunci %{{.+}} : i64 to i32
// CHECK: arith.extsi %{{.+}} : i8 to i64
// CHECK: arith.cmpi ne, %{{.+}}, %{{.+}} : i64
// CHECK: arith.uitofp %{{.+}} : i1 to f32
// CHECK: arith.extui %{{.+}} : i1 to i64
// CHECK: arith.cmpf une, %{{.+}}, %{{.+}} : f32
func.func @casts(%f: tensor<4xf32>, %i: tensor<4xi64>, %s: tensor<4xi8>, %b: tensor<4xi1>)
    -> (tensor<4xi32>, tensor<4xi8>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>) {
  %0 = mlc_graph.cast %f : tensor<4xf32> -> tensor<4xi32>
  %1 = mlc_graph.cast %f : tensor<4xf32> -> tensor<4xi8>
  %2 = mlc_graph.cast %i : tensor<4xi64> -> tensor<4xf32>
  %3 = mlc_graph.cast %i : tensor<4xi64> -> tensor<4xi32>
  %4 = mlc_graph.cast %s : tensor<4xi8> -> tensor<4xi64>
  %5 = mlc_graph.cast %i : tensor<4xi64> -> tensor<4xi1>
  %6 = mlc_graph.cast %b : tensor<4xi1> -> tensor<4xf32>
  %7 = mlc_graph.cast %b : tensor<4xi1> -> tensor<4xi64>
  %8 = mlc_graph.cast %f : tensor<4xf32> -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<4xi32>, tensor<4xi8>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xf32>, tensor<4xi64>, tensor<4xi1>
}

// -----

// Comparisons: ordered float predicates, signed integer predicates, with
// broadcasting maps; not is xor with true; where is arith.select.
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @compare_select
// CHECK-SAME: %[[A:[^:]+]]: tensor<2x3xf32>, %[[B:[^:]+]]: tensor<3xf32>, %[[I:[^:]+]]: tensor<2x1xi64>, %[[J:[^:]+]]: tensor<3xi64>, %[[C:[^:]+]]: tensor<2x3xi1>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]], {{.*}} ins(%[[A]], %[[B]] : {{.*}}) outs(%{{.+}} : tensor<2x3xi1>)
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oge
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[COL]], #[[ID]]], {{.*}} ins(%[[I]], %[[J]] :
// CHECK: arith.cmpi eq
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sle
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi sge
// CHECK: %[[T:.+]] = arith.constant true
// CHECK: arith.xori %{{.+}}, %[[T]] : i1
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[COL]], #[[ID]]], {{.*}} ins(%[[C]], %[[A]], %[[B]] :
// CHECK: ^bb0(%[[CI:[^:]+]]: i1, %[[AI:[^:]+]]: f32, %[[BI:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: arith.select %[[CI]], %[[AI]], %[[BI]] : f32
// CHECK: arith.andi
// CHECK: arith.ori
// CHECK: arith.xori
// CHECK-NOT: mlc_graph
func.func @compare_select(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<2x1xi64>, %j: tensor<3xi64>, %c: tensor<2x3xi1>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>) {
  %0 = mlc_graph.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %1 = mlc_graph.less %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %2 = mlc_graph.less_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %3 = mlc_graph.greater %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %4 = mlc_graph.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %5 = mlc_graph.equal %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %6 = mlc_graph.less %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %7 = mlc_graph.less_equal %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %8 = mlc_graph.greater %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %9 = mlc_graph.greater_equal %i, %j : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %10 = mlc_graph.not %c : tensor<2x3xi1>
  %11 = mlc_graph.where %c, %a, %b : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %12 = mlc_graph.and %c, %10 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %13 = mlc_graph.or %c, %10 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %14 = mlc_graph.xor %c, %10 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14
      : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>,
        tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>
}

// -----

// gelu: exact form 0.5 x (1 + erf(x / sqrt(2))); tanh form
// 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
// CHECK-LABEL: func.func @gelu
// CHECK: ^bb0(%[[X:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[R2:.+]] = arith.constant 0.707106769 : f32
// CHECK: %[[S:.+]] = arith.mulf %[[X]], %[[R2]] : f32
// CHECK: %[[E:.+]] = math.erf %[[S]] : f32
// CHECK: %[[H:.+]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[XH:.+]] = arith.mulf %[[X]], %[[H]] : f32
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[P:.+]] = arith.addf %[[E]], %[[ONE]] : f32
// CHECK: %[[R:.+]] = arith.mulf %[[XH]], %[[P]] : f32
// CHECK: linalg.yield %[[R]]
// CHECK: ^bb0(%[[Y:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[SQ:.+]] = arith.mulf %[[Y]], %[[Y]] : f32
// CHECK: %[[CUBE:.+]] = arith.mulf %[[Y]], %[[SQ]] : f32
// CHECK: %[[K:.+]] = arith.constant 4.471500e-02 : f32
// CHECK: %[[KC:.+]] = arith.mulf %[[CUBE]], %[[K]] : f32
// CHECK: %[[POLY:.+]] = arith.addf %[[Y]], %[[KC]] : f32
// CHECK: %[[C:.+]] = arith.constant 0.797884583 : f32
// CHECK: %[[IN:.+]] = arith.mulf %[[POLY]], %[[C]] : f32
// CHECK: %[[T:.+]] = math.tanh %[[IN]] : f32
// CHECK: %[[YH:.+]] = arith.mulf %[[Y]], %{{.+}} : f32
// CHECK: %[[P2:.+]] = arith.addf %[[T]], %{{.+}} : f32
// CHECK: arith.mulf %[[YH]], %[[P2]] : f32
// CHECK-NOT: math.erf
func.func @gelu(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = mlc_graph.gelu %x : tensor<4xf32>
  %1 = mlc_graph.gelu %x {approximate = "tanh"} : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// broadcast is a copy through a broadcasting map; trilu selects per
// (row, col) with a signed comparison of j - i against k.
// CHECK-DAG: #[[BC:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @broadcast_trilu
// CHECK-SAME: %[[X:[^:]+]]: tensor<3x1xi64>, %[[M:[^:]+]]: tensor<2x3x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[BC]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<3x1xi64>) outs(%{{.+}} : tensor<2x3x4xi64>)
// CHECK: ^bb0(%[[V:[^:]+]]: i64, %{{.+}}: i64):
// CHECK-NEXT: linalg.yield %[[V]] : i64
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[M]] : tensor<2x3x3xf32>)
// CHECK: ^bb0(%[[E:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[J:.+]] = linalg.index 2 : index
// CHECK: %[[D:.+]] = arith.subi %[[J]], %[[I]] : index
// CHECK: %[[K:.+]] = arith.constant -1 : index
// CHECK: %[[KEEP:.+]] = arith.cmpi sge, %[[D]], %[[K]] : index
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.select %[[KEEP]], %[[E]], %[[Z]] : f32
// CHECK: linalg.generic
// CHECK: arith.constant 1 : index
// CHECK: arith.cmpi sle
func.func @broadcast_trilu(%x: tensor<3x1xi64>, %m: tensor<2x3x3xf32>) -> (tensor<2x3x4xi64>, tensor<2x3x3xf32>, tensor<2x3x3xf32>) {
  %0 = mlc_graph.broadcast %x : tensor<3x1xi64> -> tensor<2x3x4xi64>
  %1 = mlc_graph.trilu %m {upper = true, k = -1 : i64} : tensor<2x3x3xf32>
  %2 = mlc_graph.trilu %m {upper = false, k = 1 : i64} : tensor<2x3x3xf32>
  return %0, %1, %2 : tensor<2x3x4xi64>, tensor<2x3x3xf32>, tensor<2x3x3xf32>
}

// -----

// Math unaries and the float binaries.
// CHECK-LABEL: func.func @math
// CHECK: math.exp
// CHECK: math.log
// CHECK: math.sqrt
// CHECK: arith.negf
// CHECK: math.absf
// CHECK: math.erf
// CHECK: math.sin
// CHECK: math.cos
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: arith.divf %[[ONE]], %{{.+}} : f32
// CHECK: math.powf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.maxsi
// CHECK: arith.minsi
func.func @math(%x: tensor<4xf32>, %y: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %0 = mlc_graph.exp %x : tensor<4xf32>
  %1 = mlc_graph.log %0 : tensor<4xf32>
  %2 = mlc_graph.sqrt %1 : tensor<4xf32>
  %3 = mlc_graph.neg %2 : tensor<4xf32>
  %4 = mlc_graph.abs %3 : tensor<4xf32>
  %5 = mlc_graph.erf %4 : tensor<4xf32>
  %6 = mlc_graph.sin %5 : tensor<4xf32>
  %7 = mlc_graph.cos %6 : tensor<4xf32>
  %8 = mlc_graph.reciprocal %7 : tensor<4xf32>
  %9 = mlc_graph.pow %8, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %10 = mlc_graph.max %9, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %11 = mlc_graph.min %10, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %12 = mlc_graph.max %i, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %13 = mlc_graph.min %12, %i : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %11, %13 : tensor<4xf32>, tensor<4xi32>
}
