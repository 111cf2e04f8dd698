// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "Commands.h"

#include "mlc/Artifact/ArtifactWriter.h"
#include "mlc/Frontends/Onnx/Importer.h"
#include "mlc/Frontends/SafeTensors/HfImporter.h"
#include "mlc/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlc_tool;
using namespace mlir;

static const char kCompileUsage[] =
    "usage: mlc compile MODEL [-o OUT.mlc] [options]\n"
    "\n"
    "MODEL is an ONNX file or a Hugging Face model directory (config.json plus\n"
    "model.safetensors or model.safetensors.index.json: BERT, GPT-2, Llama,\n"
    "Mistral, Qwen2), whose sequence length --shape input_ids=BxS sets.\n"
    "\n"
    "options:\n"
    "  -o FILE                 artifact path (default: MODEL with .mlc)\n"
    "  --emit=PHASE            stop after PHASE and print it to stdout (or -o):\n"
    "                          graph | linalg | artifact (default); llvm | asm\n"
    "                          (cpu target); cuda | ptx (cuda target)\n"
    "  --shape NAME=DxDx...    pin the shape of graph input NAME (its symbolic\n"
    "                          dims take these sizes in every input); repeatable\n"
    "  --kv-cache=N            (decoder directories) compile one decode step with\n"
    "                          a KV cache of N positions, for mlc run --prompt-ids\n"
    "  --max-memory=SIZE       refuse models estimated to need more run-time\n"
    "                          memory than SIZE (bytes, or with K, M, G suffix)\n"
    "  --target=NAME           code generation target: cpu (default) or cuda\n"
    "                          (PTX compiled with NVRTC: libnvrtc.so, or $MLC_NVRTC)\n"
    "  --cuda-arch=LIST        GPU architectures to emit PTX for (default sm_80;\n"
    "                          PTX runs on its arch and newer), e.g. sm_80,sm_90\n"
    "  --target-cpu=NAME       LLVM CPU name, or host (default)\n"
    "  --target-features=LIST  extra LLVM features, e.g. +avx2,-avx512f\n"
    "  -O0 .. -O3              LLVM optimization level (default -O3)\n";

namespace {
struct CompileOptions {
  std::string model, output, emit = "artifact", target = "cpu";
  mlc::CPUTargetOptions cpu;
  mlc::CUDATargetOptions cuda;
  mlc::OnnxImportOptions import;
  int64_t kvCache = 0;
  mlc::CompileLimits limits;
};

// "512M" -> 512 << 20; K, M and G are binary multiples.
bool parseSize(llvm::StringRef text, uint64_t &bytes) {
  unsigned shift = 0;
  if (!text.empty()) {
    char unit = llvm::toUpper(text.back());
    shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0;
    if (shift)
      text = text.drop_back();
  }
  if (text.getAsInteger(10, bytes) || bytes == 0 || bytes > (UINT64_MAX >> shift))
    return false;
  bytes <<= shift;
  return true;
}

// "sm_80,sm_90" -> {80, 90}.
int parseCudaArchs(llvm::StringRef list, std::vector<unsigned> &archs) {
  llvm::SmallVector<llvm::StringRef> parts;
  list.split(parts, ',');
  archs.clear();
  for (llvm::StringRef p : parts) {
    unsigned sm = 0;
    if (!p.consume_front("sm_") || p.getAsInteger(10, sm) || sm < 50 ||
        sm > 200)
      return fail("compile", "--cuda-arch expects a list such as sm_80,sm_90, "
                             "got '" + list + "'", kUsage);
    if (!llvm::is_contained(archs, sm))
      archs.push_back(sm);
  }
  llvm::sort(archs);
  return kOk;
}

// "input_ids=1x128" -> inputShapes["input_ids"] = {1, 128}.
int parseShape(llvm::StringRef spec, mlc::OnnxImportOptions &o) {
  auto [name, dims] = spec.split('=');
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<llvm::StringRef> parts;
  dims.split(parts, 'x');
  for (llvm::StringRef p : parts) {
    int64_t d = 0;
    if (p.getAsInteger(10, d) || d <= 0)
      return fail("compile", "--shape '" + spec +
                                 "': expected NAME=DxDx... with positive sizes",
                  kUsage);
    shape.push_back(d);
  }
  if (name.empty() || dims.empty())
    return fail("compile", "--shape '" + spec + "': expected NAME=DxDx...",
                kUsage);
  if (!o.inputShapes.try_emplace(name, shape).second)
    return fail("compile", "--shape given twice for '" + name + "'", kUsage);
  return kOk;
}

int parseCompileArgs(llvm::ArrayRef<llvm::StringRef> args, CompileOptions &o) {
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef a = args[i], v;
    if (a == "--help" || a == "-h")
      return llvm::outs() << kCompileUsage, -1;
    if (takeValue(args, i, "-o", v)) o.output = v.str();
    else if (takeValue(args, i, "--emit", v)) o.emit = v.str();
    else if (takeValue(args, i, "--target-cpu", v)) o.cpu.cpu = v.str();
    else if (takeValue(args, i, "--target-features", v)) o.cpu.features = v.str();
    else if (takeValue(args, i, "--target", v)) o.target = v.str();
    else if (takeValue(args, i, "--cuda-arch", v)) {
      if (int rc = parseCudaArchs(v, o.cuda.archs))
        return rc;
    }
    else if (takeValue(args, i, "--max-memory", v)) {
      if (!parseSize(v, o.limits.maxMemoryBytes))
        return fail("compile", "--max-memory expects a positive size such as "
                               "512M or 2G, got '" + v + "'", kUsage);
    } else if (takeValue(args, i, "--kv-cache", v)) {
      if (v.getAsInteger(10, o.kvCache) || o.kvCache <= 0)
        return fail("compile", "--kv-cache expects a positive number of "
                               "positions, got '" + v + "'", kUsage);
    } else if (takeValue(args, i, "--shape", v)) {
      if (int rc = parseShape(v, o.import))
        return rc;
    }
    else if (a.size() == 3 && a.starts_with("-O") && a[2] >= '0' && a[2] <= '3')
      o.cpu.optLevel = a[2] - '0';
    else if (llvm::is_contained({"-o", "--emit", "--target-cpu",
                                 "--target-features", "--target", "--cuda-arch", "--shape", "--kv-cache",
                                 "--max-memory"}, a))
      return fail("compile", "option '" + a + "' needs a value", kUsage);
    else if (a.starts_with("-"))
      return fail("compile", "unknown option '" + a + "'\n" + kCompileUsage,
                  kUsage);
    else if (o.model.empty()) o.model = a.str();
    else return fail("compile", "more than one model given", kUsage);
  }
  if (o.model.empty())
    return fail("compile", llvm::Twine("no model given\n") + kCompileUsage,
                kUsage);
  if (!mlc::parsePhase(o.emit))
    return fail("compile", "unknown --emit phase '" + o.emit + "'", kUsage);
  if (o.target != "cpu" && o.target != "cuda")
    return fail("compile", "unknown --target '" + o.target +
                               "' (available: cpu, cuda)", kUsage);
  return kOk;
}

// "model.onnx: node 'gemm_1': " for node locations, "model.onnx: " for files.
void printLocation(Location loc, llvm::raw_ostream &os) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    printLocation(name.getChildLoc(), os);
    os << "node '" << name.getName().getValue() << "': ";
  } else if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().getValue() << ": ";
  } else if (auto fused = dyn_cast<FusedLoc>(loc)) {
    if (!fused.getLocations().empty())
      printLocation(fused.getLocations().front(), os);
  }
}

// The module of an ONNX file or a Hugging Face directory.
FailureOr<OwningOpRef<ModuleOp>> importModel(MLIRContext &context,
                                             CompileOptions &o) {
  if (llvm::sys::fs::is_directory(o.model) && !mlc::isHfModelDirectory(o.model))
    return emitError(UnknownLoc::get(&context))
               << "'" << o.model << "' is a directory without config.json; "
               << "give an ONNX file or a Hugging Face model directory",
           failure();
  if (!mlc::isHfModelDirectory(o.model)) {
    if (o.kvCache)
      return emitError(UnknownLoc::get(&context))
                 << "'" << o.model << "': --kv-cache needs a Hugging Face "
                 << "decoder directory",
             failure();
    return mlc::importOnnxModel(&context, o.model, o.import);
  }
  mlc::HfImportOptions hf;
  hf.kvCacheContext = o.kvCache;
  for (const auto &entry : o.import.inputShapes) {
    llvm::ArrayRef<int64_t> shape = entry.getValue();
    if (entry.getKey() != "input_ids" || shape.size() != 2)
      return emitError(UnknownLoc::get(&context))
                 << "'" << o.model << "': give the shape as --shape "
                 << "input_ids=BATCHxSEQUENCE",
             failure();
    hf.batch = shape[0];
    hf.sequence = shape[1];
  }
  return mlc::importHfModel(&context, o.model, hf);
}

std::string defaultOutput(llvm::StringRef model) {
  llvm::SmallString<256> out(model);
  llvm::sys::path::replace_extension(out, "mlc");
  return std::string(out);
}
} // namespace

int mlc_tool::runCompile(llvm::ArrayRef<llvm::StringRef> args) {
  CompileOptions o;
  if (int rc = parseCompileArgs(args, o))
    return rc < 0 ? kOk : rc;
  DialectRegistry registry;
  mlc::registerMlcDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&context, [](Diagnostic &diag) {
    if (diag.getSeverity() != DiagnosticSeverity::Error)
      return success();
    llvm::errs() << "mlc compile: error: ";
    printLocation(diag.getLocation(), llvm::errs());
    llvm::errs() << diag << "\n";
    return success();
  });

  FailureOr<OwningOpRef<ModuleOp>> module = importModel(context, o);
  if (failed(module))
    return kError;
  mlc::Phase phase = *mlc::parsePhase(o.emit);
  std::unique_ptr<mlc::TargetBackend> target =
      o.target == "cuda" ? mlc::createCUDATarget(o.cuda)
                         : mlc::createCPUTarget(o.cpu);
  std::string dump;
  llvm::raw_string_ostream dumpStream(dump);
  mlc::ArtifactContents contents;
  if (failed(mlc::compileModule(**module, *target, phase, dumpStream, contents,
                                o.limits)))
    return kError;
  std::string error;
  if (phase != mlc::Phase::Artifact) {
    if (o.output.empty() || o.output == "-")
      return llvm::outs() << dump, kOk;
    std::error_code ec;
    llvm::raw_fd_ostream os(o.output, ec);
    if (ec)
      return fail("compile", "cannot write '" + o.output + "': " + ec.message());
    os << dump;
    return kOk;
  }
  std::string output = o.output.empty() ? defaultOutput(o.model) : o.output;
  if (failed(mlc::writeArtifact(contents, output, error)))
    return fail("compile", error);
  return kOk;
}
