// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// mlc-opt: mlir-opt with mlc's dialects and passes, for lit tests.

#include "mlc/Dialect/Graph/IR/GraphOps.h"
#include "mlc/Pipelines/Pipelines.h"

#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::mlc::registerMlcDialects(registry);
  mlir::mlc::registerMlcPasses();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mlc optimizer driver\n", registry));
}
