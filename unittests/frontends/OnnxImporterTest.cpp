// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// ONNX importer error handling: every malformed model fails with a message
// naming the file, node or tensor.

#include "mlc/Dialect/Graph/IR/GraphOps.h"
#include "mlc/Frontends/Onnx/Importer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onnx/onnx_pb.h"

#include <unistd.h>

using namespace mlir;
using ::testing::AllOf;
using ::testing::HasSubstr;

namespace {

class OnnxImporterTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mlc-onnx-test", dir));
    context.loadDialect<mlc::graph::GraphDialect, func::FuncDialect>();
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }

  std::string path(llvm::StringRef name) {
    llvm::SmallString<128> p(dir);
    llvm::sys::path::append(p, name);
    return std::string(p);
  }
  void writeFile(llvm::StringRef name, llvm::StringRef bytes) {
    std::error_code ec;
    llvm::raw_fd_ostream os(path(name), ec);
    ASSERT_FALSE(ec);
    os << bytes;
  }
  std::string save(const onnx::ModelProto &model, llvm::StringRef name = "m.onnx") {
    writeFile(name, model.SerializeAsString());
    return path(name);
  }
  // Imports |file|; returns the diagnostics, or "OK" on success.
  std::string import(llvm::StringRef file) {
    std::string messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      llvm::raw_string_ostream os(messages);
      os << d.getLocation() << ": " << d << "\n";
      return success();
    });
    auto module = mlc::importOnnxModel(&context, file);
    return succeeded(module) ? "OK" : messages;
  }

  // A valid model: y = Relu(x + w), x: f32[2,3], w: 6-element initializer.
  static onnx::ModelProto model() {
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.add_opset_import()->set_version(17);
    onnx::GraphProto *g = m.mutable_graph();
    addValue(g->add_input(), "x", {2, 3});
    addValue(g->add_output(), "y", {2, 3});
    onnx::TensorProto *w = g->add_initializer();
    w->set_name("w");
    w->set_data_type(onnx::TensorProto::FLOAT);
    w->add_dims(2);
    w->add_dims(3);
    for (int i = 0; i < 6; ++i)
      w->add_float_data(i);
    addNode(g, "Add", "add_node", {"x", "w"}, "s");
    addNode(g, "Relu", "relu_node", {"s"}, "y");
    return m;
  }
  static void addValue(onnx::ValueInfoProto *v, const std::string &name,
                       std::vector<int64_t> dims) {
    v->set_name(name);
    auto *t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
      t->mutable_shape()->add_dim()->set_dim_value(d);
  }
  static onnx::NodeProto *addNode(onnx::GraphProto *g, const std::string &op,
                                  const std::string &name,
                                  std::vector<std::string> inputs,
                                  const std::string &output) {
    onnx::NodeProto *n = g->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const std::string &i : inputs)
      n->add_input(i);
    n->add_output(output);
    return n;
  }
  static void makeExternal(onnx::ModelProto &m, const std::string &location,
                           const std::string &offset = "0") {
    onnx::TensorProto *w = m.mutable_graph()->mutable_initializer(0);
    w->clear_float_data();
    w->set_data_location(onnx::TensorProto::EXTERNAL);
    auto *loc = w->add_external_data();
    loc->set_key("location");
    loc->set_value(location);
    auto *off = w->add_external_data();
    off->set_key("offset");
    off->set_value(offset);
  }

  llvm::SmallString<128> dir;
  MLIRContext context;
};

TEST_F(OnnxImporterTest, ValidModelImports) {
  EXPECT_EQ(import(save(model())), "OK");
}

TEST_F(OnnxImporterTest, MissingFileNamesTheFile) {
  EXPECT_THAT(import(path("nope.onnx")),
              AllOf(HasSubstr("nope.onnx"), HasSubstr("cannot read model")));
}

TEST_F(OnnxImporterTest, EmptyFileIsRejected) {
  writeFile("empty.onnx", "");
  EXPECT_THAT(import(path("empty.onnx")), HasSubstr("not a valid ONNX model"));
}

TEST_F(OnnxImporterTest, TruncatedFileIsRejected) {
  std::string bytes = model().SerializeAsString();
  for (size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
    writeFile("cut.onnx", llvm::StringRef(bytes).take_front(cut));
    EXPECT_NE(import(path("cut.onnx")), "OK") << "cut at " << cut;
  }
}

TEST_F(OnnxImporterTest, NonOnnxFileIsRejected) {
  writeFile("text.onnx", "this is a text file, not a protobuf\n");
  EXPECT_THAT(import(path("text.onnx")), HasSubstr("text.onnx"));
}

TEST_F(OnnxImporterTest, UnsupportedOpsAreAllListed) {
  onnx::ModelProto m = model();
  addNode(m.mutable_graph(), "Softsign", "softsign_a", {"y"}, "e1");
  addNode(m.mutable_graph(), "NonMaxSuppression", "nms_b", {"e1"}, "e2");
  std::string diag = import(save(m));
  EXPECT_THAT(diag, AllOf(HasSubstr("2 unsupported operators"),
                          HasSubstr("Softsign (node 'softsign_a'"),
                          HasSubstr("NonMaxSuppression (node 'nms_b'"),
                          HasSubstr("opset 17")));
  EXPECT_THAT(diag, ::testing::Not(HasSubstr("relu_node")));
}

TEST_F(OnnxImporterTest, MissingOpsetIsRejected) {
  onnx::ModelProto m = model();
  m.clear_opset_import();
  EXPECT_THAT(import(save(m)), HasSubstr("no ONNX operator set"));
}

TEST_F(OnnxImporterTest, DynamicInputAgainstStaticWeightNamesTheSymbol) {
  onnx::ModelProto m = model();
  auto *dim = m.mutable_graph()->mutable_input(0)->mutable_type()
                  ->mutable_tensor_type()->mutable_shape()->mutable_dim(0);
  dim->set_dim_param("batch");
  // x[batch, ...] + w[2, ...]: a symbol never broadcasts against a size.
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("add_node"),
                                     HasSubstr("'batch'")));
}

TEST_F(OnnxImporterTest, InitializerSizeMismatchNamesTheTensor) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_initializer(0)->add_float_data(7);
  EXPECT_THAT(import(save(m)),
              AllOf(HasSubstr("tensor 'w'"), HasSubstr("28 bytes")));
}

TEST_F(OnnxImporterTest, ShapeMismatchNamesTheNode) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_initializer(0)->set_dims(1, 2);
  m.mutable_graph()->mutable_initializer(0)->mutable_float_data()->Truncate(4);
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("add_node"),
                                     HasSubstr("not broadcast-compatible")));
}

TEST_F(OnnxImporterTest, UndefinedInputNamesTheNode) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_node(1)->set_input(0, "ghost");
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("relu_node"),
                                     HasSubstr("'ghost' is not defined")));
}

TEST_F(OnnxImporterTest, ExternalDataLoadsFromModelDirectory) {
  float data[6] = {1, 2, 3, 4, 5, 6};
  writeFile("w.bin", llvm::StringRef(reinterpret_cast<char *>(data), sizeof(data)));
  onnx::ModelProto m = model();
  makeExternal(m, "w.bin");
  EXPECT_EQ(import(save(m)), "OK");
}

TEST_F(OnnxImporterTest, ExternalDataAbsolutePathIsRefused) {
  onnx::ModelProto m = model();
  makeExternal(m, "/etc/passwd");
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("tensor 'w'"),
                                     HasSubstr("must be a relative path")));
}

TEST_F(OnnxImporterTest, ExternalDataParentDirectoryIsRefused) {
  onnx::ModelProto m = model();
  makeExternal(m, "../w.bin");
  EXPECT_THAT(import(save(m)), HasSubstr("leaves the model directory"));
}

TEST_F(OnnxImporterTest, ExternalDataSymlinkOutIsRefused) {
  ASSERT_EQ(symlink("/etc/hostname", path("link.bin").c_str()), 0);
  onnx::ModelProto m = model();
  makeExternal(m, "link.bin");
  EXPECT_THAT(import(save(m)), HasSubstr("resolves outside the model directory"));
}

TEST_F(OnnxImporterTest, ExternalDataTooShortIsRefused) {
  writeFile("short.bin", "abcd");
  onnx::ModelProto m = model();
  makeExternal(m, "short.bin");
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("tensor 'w'"),
                                     HasSubstr("does not hold the 24 bytes")));
}

TEST_F(OnnxImporterTest, ExternalDataBadOffsetIsRefused) {
  float data[6] = {};
  writeFile("w.bin", llvm::StringRef(reinterpret_cast<char *>(data), sizeof(data)));
  onnx::ModelProto m = model();
  makeExternal(m, "w.bin", "18446744073709551615");
  EXPECT_THAT(import(save(m)), HasSubstr("does not hold"));
  makeExternal(m, "w.bin", "12abc");
  EXPECT_THAT(import(save(m)), HasSubstr("is not a number"));
}

TEST_F(OnnxImporterTest, OutputWithoutTypeImports) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_output(0)->clear_type();
  EXPECT_EQ(import(save(m)), "OK");
}

TEST_F(OnnxImporterTest, DeclaredScalarOutputMismatchIsRejected) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()
      ->mutable_shape()->clear_dim();
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("graph output 'y'"),
                                     HasSubstr("declared as FLOAT[]")));
}

TEST_F(OnnxImporterTest, InitializerByteSizeOverflowIsRejected) {
  onnx::ModelProto m = model();
  onnx::TensorProto *w = m.mutable_graph()->mutable_initializer(0);
  w->clear_dims();
  w->add_dims(int64_t(1) << 62);
  w->clear_float_data();
  w->set_raw_data("");
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("tensor 'w'"),
                                     HasSubstr("byte size overflows")));
}

TEST_F(OnnxImporterTest, HugeInputShapeIsRejected) {
  onnx::ModelProto m = model();
  auto *shape = m.mutable_graph()->mutable_input(0)->mutable_type()
                    ->mutable_tensor_type()->mutable_shape();
  shape->mutable_dim(0)->set_dim_value(int64_t(1) << 32);
  shape->mutable_dim(1)->set_dim_value(int64_t(1) << 32);
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("input 'x'"),
                                     HasSubstr("byte size overflows")));
}

TEST_F(OnnxImporterTest, BroadcastResultTooLargeNamesTheNode) {
  onnx::ModelProto m = model();
  onnx::GraphProto *g = m.mutable_graph();
  g->clear_node();
  g->clear_initializer();
  g->clear_input();
  addValue(g->add_input(), "a", {int64_t(1) << 31, 1});
  addValue(g->add_input(), "b", {1, int64_t(1) << 31});
  addNode(g, "Add", "big_add", {"a", "b"}, "y");
  g->mutable_output(0)->clear_type();
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("big_add"),
                                     HasSubstr("byte size overflows")));
}

TEST_F(OnnxImporterTest, EmptyInputIsRejected) {
  onnx::ModelProto m = model();
  m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()
      ->mutable_shape()->mutable_dim(0)->set_dim_value(0);
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("input 'x'"),
                                     HasSubstr("empty tensors are not supported")));
}

TEST_F(OnnxImporterTest, DuplicateNamesAreRejected) {
  onnx::ModelProto m = model();
  *m.mutable_graph()->add_output() = m.graph().output(0);
  EXPECT_THAT(import(save(m)), HasSubstr("graph output 'y' is listed twice"));
  m = model();
  *m.mutable_graph()->add_input() = m.graph().input(0);
  EXPECT_THAT(import(save(m)), HasSubstr("graph input 'x' is listed twice"));
  m = model();
  *m.mutable_graph()->add_initializer() = m.graph().initializer(0);
  EXPECT_THAT(import(save(m)), HasSubstr("initializer 'w' is defined twice"));
}

TEST_F(OnnxImporterTest, UndefinedOptionalInputNamesTheNode) {
  onnx::ModelProto m = model();
  addNode(m.mutable_graph(), "Gemm", "gemm_c", {"y", "w", "nope"}, "z");
  m.mutable_graph()->mutable_node(2)->mutable_attribute()->Add();
  onnx::AttributeProto *tb = m.mutable_graph()->mutable_node(2)->mutable_attribute(0);
  tb->set_name("transB");
  tb->set_type(onnx::AttributeProto::INT);
  tb->set_i(1);
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("gemm_c"),
                                     HasSubstr("'nope' is not defined")));
}

TEST_F(OnnxImporterTest, LegacyAxisBroadcastIsRejected) {
  onnx::ModelProto m = model();
  m.mutable_opset_import(0)->set_version(6);
  onnx::AttributeProto *axis = m.mutable_graph()->mutable_node(0)->add_attribute();
  axis->set_name("axis");
  axis->set_type(onnx::AttributeProto::INT);
  axis->set_i(0);
  EXPECT_THAT(import(save(m)), AllOf(HasSubstr("add_node"),
                                     HasSubstr("opset < 7")));
}

} // namespace
