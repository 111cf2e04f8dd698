// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libFuzzer target for the ONNX frontend: every input is written to an
// anonymous file and imported; models that import are pushed through the
// graph and linalg pipelines too. Diagnostics are expected, crashes are not.

#include "mlc/Frontends/Onnx/Importer.h"
#include "mlc/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace mlir;

static void importAndLower(const std::string &path) {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    mlc::registerMlcDialects(*r);
    return r;
  }();
  MLIRContext context(*registry, MLIRContext::Threading::DISABLED);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler quiet(&context, [](Diagnostic &) { return success(); });
  FailureOr<OwningOpRef<ModuleOp>> module = mlc::importOnnxModel(&context, path);
  if (failed(module))
    return;
  PassManager pm(&context);
  mlc::buildGraphPipeline(pm);
  mlc::buildLinalgPipeline(pm);
  (void)pm.run(**module);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int fd = memfd_create("mlc-fuzz.onnx", MFD_CLOEXEC);
  if (fd < 0)
    return 0;
  if (write(fd, data, size) == static_cast<ssize_t>(size))
    importAndLower("/proc/self/fd/" + std::to_string(fd));
  close(fd);
  return 0;
}
