// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Models with symbolic dims: module info, binding, symbol resolution across
// inputs, output sizing and reallocation across runs of one session.

#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::ArtifactSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::CountingAllocator;
using ::mlc::testing::ScaleBiasModelSpec;
using ::mlc::testing::ScaleModelSpec;
using ::mlc::testing::Status;
using ::mlc::testing::Sym;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsNull;
using ::testing::StrEq;

// 0.5, 1.5, 2.5, ... (n values).
std::vector<float> Iota(size_t n) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<float>(i) + 0.5f;
  return v;
}

std::vector<float> Doubled(const std::vector<float>& x) {
  std::vector<float> y;
  for (float v : x) y.push_back(2 * v);
  return y;
}

// An output as read back after a run.
struct Output {
  std::vector<int64_t> dims;
  std::vector<float> values;
  const void* data = nullptr;
  size_t size = 0;
};

class DynamicShapeTest : public ::testing::Test {
 protected:
  void TearDown() override {
    mlc_session_release(session_);
    mlc_module_release(module_);
    EXPECT_EQ(allocator_.live, 0);
  }
  // Loads |spec| and creates a session on it.
  void Load(const ArtifactSpec& spec) {
    std::string path = WriteTempFile("dynamic.mlc", BuildArtifact(spec));
    ASSERT_EQ(Take(mlc_module_load_file(path.c_str(), allocator_.get(),
                                        &module_)).message,
              "OK");
    ASSERT_EQ(Take(mlc_session_create(module_, allocator_.get(), &session_))
                  .message,
              "OK");
  }
  Status Bind(const char* name, const std::vector<int64_t>& dims,
              const void* data, size_t size,
              mlc_dtype_t dtype = MLC_DTYPE_F32) {
    return Take(mlc_session_bind_input(session_, name, dtype,
                                       static_cast<uint32_t>(dims.size()),
                                       dims.data(), data, size));
  }
  Status Bind(const char* name, const std::vector<int64_t>& dims,
              const std::vector<float>& data) {
    return Bind(name, dims, data.data(), data.size() * sizeof(float));
  }
  Status Run() { return Take(mlc_session_run(session_)); }
  Output Read(const char* name) {
    Output out;
    mlc_tensor_info_t info;
    EXPECT_EQ(Take(mlc_session_output(session_, name, &info, &out.data,
                                      &out.size)).message,
              "OK");
    if (out.data == nullptr) return out;
    out.dims.assign(info.dims, info.dims + info.rank);
    const float* p = static_cast<const float*>(out.data);
    out.values.assign(p, p + out.size / sizeof(float));
    return out;
  }
  std::vector<int64_t> ModuleDims(bool output, size_t index) {
    mlc_tensor_info_t info;
    EXPECT_EQ(output ? mlc_module_output_info(module_, index, &info)
                     : mlc_module_input_info(module_, index, &info),
              MLC_OK);
    return std::vector<int64_t>(info.dims, info.dims + info.rank);
  }

  CountingAllocator allocator_;
  mlc_module_t* module_ = nullptr;
  mlc_session_t* session_ = nullptr;
};

TEST_F(DynamicShapeTest, ModuleInfoReportsDynamicDims) {
  Load(ScaleBiasModelSpec());
  EXPECT_THAT(ModuleDims(false, 0),
              ElementsAre(MLC_DIM_DYNAMIC, MLC_DIM_DYNAMIC));
  EXPECT_THAT(ModuleDims(false, 1), ElementsAre(1, MLC_DIM_DYNAMIC));
  EXPECT_THAT(ModuleDims(true, 0),
              ElementsAre(MLC_DIM_DYNAMIC, MLC_DIM_DYNAMIC));
  EXPECT_THAT(ModuleDims(true, 1), ElementsAre(1));
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 0, 0), StrEq("batch"));
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 0, 1), StrEq("seq"));
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 1, 1), StrEq("seq"));
  EXPECT_THAT(mlc_module_dim_name(module_, 1, 0, 0), StrEq("batch"));
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 1, 0), IsNull());  // static
  EXPECT_THAT(mlc_module_dim_name(module_, 1, 1, 0), IsNull());  // static
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 0, 2), IsNull());  // rank 2
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 2, 0), IsNull());  // 2 inputs
  EXPECT_THAT(mlc_module_dim_name(module_, 1, 2, 0), IsNull());  // 2 outputs
  EXPECT_THAT(mlc_module_dim_name(nullptr, 0, 0, 0), IsNull());
}

TEST_F(DynamicShapeTest, RunsAtSeveralSizesWithOneSession) {
  Load(ScaleModelSpec());
  std::vector<float> x = Iota(6);
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  Output out = Read("y");
  EXPECT_THAT(out.dims, ElementsAre(2, 3));
  EXPECT_EQ(out.size, 24u);
  EXPECT_THAT(out.values, ElementsAreArray(Doubled(x)));
  int live = allocator_.live;

  // Larger: the output buffer is replaced, the old one freed.
  x = Iota(20);
  ASSERT_EQ(Bind("x", {4, 5}, x).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  out = Read("y");
  EXPECT_THAT(out.dims, ElementsAre(4, 5));
  EXPECT_EQ(out.size, 80u);
  EXPECT_THAT(out.values, ElementsAreArray(Doubled(x)));
  EXPECT_EQ(allocator_.live, live);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(out.data) % 64, 0u);

  // Smaller: the buffer is reused.
  const void* large_buffer = out.data;
  x = Iota(2);
  ASSERT_EQ(Bind("x", {2, 1}, x).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  out = Read("y");
  EXPECT_THAT(out.dims, ElementsAre(2, 1));
  EXPECT_EQ(out.size, 8u);
  EXPECT_THAT(out.values, ElementsAreArray(Doubled(x)));
  EXPECT_EQ(out.data, large_buffer);
  EXPECT_EQ(allocator_.live, live);

  // The module's description stays symbolic.
  EXPECT_THAT(ModuleDims(true, 0),
              ElementsAre(MLC_DIM_DYNAMIC, MLC_DIM_DYNAMIC));
}

TEST_F(DynamicShapeTest, SharedSymbolAcrossInputsAndStaticOutput) {
  Load(ScaleBiasModelSpec());
  std::vector<float> x = {1, 2, 3, 4, 5, 6};
  std::vector<float> bias = {100, 200, 300};
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 3}, bias).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  Output y = Read("y");
  EXPECT_THAT(y.dims, ElementsAre(2, 3));
  EXPECT_THAT(y.values, ElementsAre(102, 204, 306, 108, 210, 312));
  Output total = Read("total");
  EXPECT_THAT(total.dims, ElementsAre(1));
  EXPECT_EQ(total.size, 4u);
  EXPECT_THAT(total.values, ElementsAre(21));

  x = {1, 2, 3, 4};
  bias = {10, 20, 30, 40};
  ASSERT_EQ(Bind("x", {1, 4}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 4}, bias).message, "OK");
  const void* total_buffer = total.data;
  ASSERT_EQ(Run().message, "OK");
  y = Read("y");
  EXPECT_THAT(y.dims, ElementsAre(1, 4));
  EXPECT_THAT(y.values, ElementsAre(12, 24, 36, 48));
  total = Read("total");
  EXPECT_THAT(total.values, ElementsAre(10));
  EXPECT_EQ(total.data, total_buffer);  // static outputs never move
}

TEST_F(DynamicShapeTest, SymbolMismatchBetweenInputs) {
  Load(ScaleBiasModelSpec());
  std::vector<float> x = Iota(6);
  std::vector<float> bias = Iota(4);
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 4}, bias).message, "OK");
  Status status = Run();
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'bias' dim 1 ('seq') is 4 but input 'x' dim 1 gives "
            "'seq' = 3");
  const void* data = nullptr;
  EXPECT_THAT(Take(mlc_session_output(session_, "y", nullptr, &data,
                                      nullptr)).message,
              HasSubstr("not available before a successful"));
  // Fixing the binding makes the session usable again.
  bias.resize(3);
  ASSERT_EQ(Bind("bias", {1, 3}, bias).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  EXPECT_THAT(Read("y").dims, ElementsAre(2, 3));
}

TEST_F(DynamicShapeTest, SymbolMismatchWithinOneInput) {
  ArtifactSpec spec = ScaleModelSpec();
  spec.symbols = {"n"};
  spec.inputs[0].dims = {Sym(0), Sym(0)};
  spec.outputs[0].dims = {Sym(0), Sym(0)};
  Load(spec);
  std::vector<float> x = Iota(6);
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  Status status = Run();
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'x' dim 1 ('n') is 3 but input 'x' dim 0 gives 'n' = 2");
}

TEST_F(DynamicShapeTest, NonPositiveSymbolicDimRejected) {
  Load(ScaleModelSpec());
  std::vector<float> x = Iota(6);
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  Status status = Bind("x", {0, 3}, x.data(), 0);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message, "input 'x' dim 0 ('batch') must be >= 1 but got 0");
  status = Bind("x", {2, -3}, x);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message, "input 'x' dim 1 ('seq') must be >= 1 but got -3");
  // The failed bind unbound the input.
  EXPECT_THAT(Run().message, HasSubstr("input 'x' is not bound"));
}

TEST_F(DynamicShapeTest, StaticDimMismatchStillRejected) {
  Load(ScaleBiasModelSpec());
  std::vector<float> bias = Iota(6);
  Status status = Bind("bias", {2, 3}, bias);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'bias': expected shape [1,seq] but got [2,3]");
  status = Bind("x", {6}, bias);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'x': expected rank 2 (shape [batch,seq]) but got rank 1");
}

TEST_F(DynamicShapeTest, ByteSizeFollowsBoundDims) {
  Load(ScaleModelSpec());
  std::vector<float> x = Iota(12);
  Status status = Bind("x", {3, 4}, x.data(), 20);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message, "input 'x': expected 48 bytes but got 20");
  status = Bind("x", {1ll << 40, 1ll << 40}, x.data(), 48);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'x': byte size of shape [1099511627776,1099511627776] "
            "overflows");
}

// An input of u8 [n] and an output of f32 [n, n, n, n]: the output can be
// far larger than the input. Never run successfully (the entry point expects
// another signature); the runs below fail before calling it.
ArtifactSpec FanOutSpec() {
  ArtifactSpec spec = ScaleModelSpec();
  spec.symbols = {"n"};
  spec.inputs = {{"x", MLC_DTYPE_U8, {Sym(0)}}};
  spec.outputs = {{"y", MLC_DTYPE_F32, {Sym(0), Sym(0), Sym(0), Sym(0)}}};
  return spec;
}

TEST_F(DynamicShapeTest, OutputByteSizeOverflowIsResourceExhausted) {
  Load(FanOutSpec());
  std::vector<uint8_t> x(1 << 16);
  ASSERT_EQ(Bind("x", {1 << 16}, x.data(), x.size(), MLC_DTYPE_U8).message,
            "OK");
  Status status = Run();
  EXPECT_EQ(status.code, MLC_STATUS_RESOURCE_EXHAUSTED);
  EXPECT_EQ(status.message,
            "output 'y': byte size of shape [65536,65536,65536,65536] "
            "overflows");
}

TEST_F(DynamicShapeTest, OutputAllocationFailureKeepsSessionUsable) {
  Load(ScaleModelSpec());
  std::vector<float> x = Iota(6);
  ASSERT_EQ(Bind("x", {2, 3}, x).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  allocator_.max_size = 1 << 20;
  std::vector<float> big(512 * 1024);
  ASSERT_EQ(Bind("x", {512, 1024}, big).message, "OK");
  Status status = Run();
  EXPECT_EQ(status.code, MLC_STATUS_RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.message,
              HasSubstr("out of memory allocating 2097152 bytes for y"));
  ASSERT_EQ(Bind("x", {3, 2}, x).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  Output out = Read("y");
  EXPECT_THAT(out.dims, ElementsAre(3, 2));
  EXPECT_THAT(out.values, ElementsAreArray(Doubled(x)));
}

// ScaleBiasModelSpec with 'seq' at most 4 and 'batch' unbounded.
ArtifactSpec BoundedSeqSpec() {
  ArtifactSpec spec = ScaleBiasModelSpec();
  spec.symbols = {"batch", {"seq", 4}};
  return spec;
}

TEST_F(DynamicShapeTest, ModuleInfoReportsDimMax) {
  Load(BoundedSeqSpec());
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 0, 0), 0);  // batch: no limit
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 0, 1), 4);
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 1, 1), 4);
  EXPECT_EQ(mlc_module_dim_max(module_, 1, 0, 1), 4);
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 1, 0), 0);  // static
  EXPECT_EQ(mlc_module_dim_max(module_, 1, 1, 0), 0);  // static
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 0, 2), 0);  // rank 2
  EXPECT_EQ(mlc_module_dim_max(module_, 0, 2, 0), 0);  // 2 inputs
  EXPECT_EQ(mlc_module_dim_max(module_, 1, 2, 0), 0);  // 2 outputs
  EXPECT_EQ(mlc_module_dim_max(nullptr, 0, 0, 1), 0);
}

TEST_F(DynamicShapeTest, BoundedSymbolRunsUpToItsMax) {
  Load(BoundedSeqSpec());
  std::vector<float> x = {1, 2, 3, 4};
  std::vector<float> bias = {10, 20, 30, 40};
  ASSERT_EQ(Bind("x", {1, 4}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 4}, bias).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  EXPECT_THAT(Read("y").values, ElementsAre(12, 24, 36, 48));

  x = Iota(5);
  bias = Iota(5);
  ASSERT_EQ(Bind("x", {1, 5}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 5}, bias).message, "OK");
  Status status = Run();
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "input 'x' dim 1 ('seq') is 5, more than the model's maximum 4");
  const void* data = nullptr;
  EXPECT_THAT(Take(mlc_session_output(session_, "y", nullptr, &data,
                                      nullptr)).message,
              HasSubstr("not available before a successful"));

  // The unbounded 'batch' takes any size.
  x = Iota(4000);
  bias = Iota(4);
  ASSERT_EQ(Bind("x", {1000, 4}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 4}, bias).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  EXPECT_THAT(Read("y").dims, ElementsAre(1000, 4));
}

TEST_F(DynamicShapeTest, SymbolMismatchReportedBeforeMax) {
  Load(BoundedSeqSpec());
  std::vector<float> x = Iota(6);
  std::vector<float> bias = Iota(5);
  ASSERT_EQ(Bind("x", {1, 6}, x).message, "OK");
  ASSERT_EQ(Bind("bias", {1, 5}, bias).message, "OK");
  EXPECT_EQ(Run().message,
            "input 'bias' dim 1 ('seq') is 5 but input 'x' dim 1 gives "
            "'seq' = 6");
}

TEST_F(DynamicShapeTest, StaticModelOutputInfo) {
  Load(AddModelSpec());
  const float x[6] = {1, 2, 3, 4, 5, 6};
  ASSERT_EQ(Bind("x", {2, 3}, x, sizeof(x)).message, "OK");
  ASSERT_EQ(Run().message, "OK");
  Output out = Read("out");
  EXPECT_THAT(out.dims, ElementsAre(2, 3));
  EXPECT_EQ(out.size, sizeof(x));
  EXPECT_THAT(mlc_module_dim_name(module_, 0, 0, 0), IsNull());
}

}  // namespace
