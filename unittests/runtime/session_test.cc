// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <cstdint>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::CountingAllocator;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StrEq;

const int64_t kShape[2] = {2, 3};
const float kX[6] = {1, 2, 3, 4, 5, 6};

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = WriteTempFile("add.mlc", BuildArtifact(AddModelSpec()));
    ASSERT_EQ(Take(mlc_module_load_file(path_.c_str(), allocator_.get(),
                                        &module_)).message,
              "OK");
    ASSERT_EQ(Take(mlc_session_create(module_, allocator_.get(), &session_))
                  .message,
              "OK");
  }
  void TearDown() override {
    mlc_session_release(session_);
    mlc_module_release(module_);
    EXPECT_EQ(allocator_.live, 0);
  }
  mlc::testing::Status Bind(const char* name, mlc_dtype_t dtype, uint32_t rank,
                            const int64_t* dims, size_t size) {
    return Take(mlc_session_bind_input(session_, name, dtype, rank, dims, kX,
                                       size));
  }
  std::vector<float> Output() {
    const void* data = nullptr;
    size_t size = 0;
    EXPECT_EQ(Take(mlc_session_output(session_, "out", nullptr, &data, &size))
                  .code,
              MLC_STATUS_OK);
    const float* p = static_cast<const float*>(data);
    return p ? std::vector<float>(p, p + size / sizeof(float))
             : std::vector<float>();
  }

  CountingAllocator allocator_;
  std::string path_;
  mlc_module_t* module_ = nullptr;
  mlc_session_t* session_ = nullptr;
};

TEST_F(SessionTest, DescribesModule) {
  EXPECT_EQ(mlc_module_input_count(module_), 1u);
  EXPECT_EQ(mlc_module_output_count(module_), 1u);
  mlc_tensor_info_t info;
  ASSERT_EQ(mlc_module_input_info(module_, 0, &info), MLC_OK);
  EXPECT_THAT(info.name, StrEq("x"));
  EXPECT_EQ(info.dtype, MLC_DTYPE_F32);
  EXPECT_THAT(std::vector<int64_t>(info.dims, info.dims + info.rank),
              ElementsAre(2, 3));
  ASSERT_EQ(mlc_module_output_info(module_, 0, &info), MLC_OK);
  EXPECT_THAT(info.name, StrEq("out"));
  EXPECT_EQ(mlc_module_weights_size(module_), 64u);
  EXPECT_GT(mlc_module_code_size(module_), 0u);
  mlc::testing::Status status = Take(mlc_module_input_info(module_, 1, &info));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("input index 1 is out of range"));
}

TEST_F(SessionTest, RunsAddModel) {
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, sizeof(kX)).code,
            MLC_STATUS_OK);
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  EXPECT_THAT(Output(), ElementsAre(11, 22, 33, 44, 55, 66));
  mlc_tensor_info_t info;
  const void* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(mlc_session_output(session_, "out", &info, &data, &size), MLC_OK);
  EXPECT_THAT(info.name, StrEq("out"));
  EXPECT_THAT(std::vector<int64_t>(info.dims, info.dims + info.rank),
              ElementsAre(2, 3));
  EXPECT_EQ(size, sizeof(kX));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(data) % 64, 0u);
}

TEST_F(SessionTest, BindingPersistsAcrossRuns) {
  float x[6] = {0, 0, 0, 0, 0, 1};
  ASSERT_EQ(mlc_session_bind_input(session_, "x", MLC_DTYPE_F32, 2, kShape, x,
                                   sizeof(x)),
            MLC_OK);
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  x[0] = 5;
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  EXPECT_THAT(Output(), ElementsAre(15, 20, 30, 40, 50, 61));
}

TEST_F(SessionTest, SessionKeepsModuleAlive) {
  mlc_module_release(module_);
  module_ = nullptr;
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, sizeof(kX)).code,
            MLC_STATUS_OK);
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  EXPECT_THAT(Output(), ElementsAre(11, 22, 33, 44, 55, 66));
}

TEST_F(SessionTest, WrongShape) {
  const int64_t dims[2] = {2, 4};
  mlc::testing::Status status = Bind("x", MLC_DTYPE_F32, 2, dims, 32);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message,
              StrEq("input 'x': expected shape [2,3] but got [2,4]"));
}

TEST_F(SessionTest, WrongDtype) {
  mlc::testing::Status status = Bind("x", MLC_DTYPE_I32, 2, kShape, 24);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message,
              StrEq("input 'x': expected dtype float32 but got int32"));
}

TEST_F(SessionTest, WrongRank) {
  const int64_t dims[3] = {2, 3, 1};
  mlc::testing::Status status = Bind("x", MLC_DTYPE_F32, 3, dims, 24);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message,
              HasSubstr("input 'x': expected rank 2 (shape [2,3]) but got "
                        "rank 3"));
}

TEST_F(SessionTest, WrongByteSize) {
  mlc::testing::Status status = Bind("x", MLC_DTYPE_F32, 2, kShape, 20);
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message,
              StrEq("input 'x': expected 24 bytes but got 20"));
}

TEST_F(SessionTest, UnknownInputName) {
  mlc::testing::Status status = Bind("y", MLC_DTYPE_F32, 2, kShape, 24);
  EXPECT_EQ(status.code, MLC_STATUS_NOT_FOUND);
  EXPECT_THAT(status.message,
              StrEq("input 'y' not found; valid inputs: 'x'"));
}

TEST_F(SessionTest, UnboundInputAtRun) {
  mlc::testing::Status status = Take(mlc_session_run(session_));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("input 'x' is not bound"));
}

TEST_F(SessionTest, FailedBindUnbindsInput) {
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, 24).code, MLC_STATUS_OK);
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, 20).code,
            MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(Take(mlc_session_run(session_)).message,
              HasSubstr("input 'x' is not bound"));
}

TEST_F(SessionTest, UnknownOutputName) {
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, 24).code, MLC_STATUS_OK);
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  const void* data = nullptr;
  mlc::testing::Status status =
      Take(mlc_session_output(session_, "nope", nullptr, &data, nullptr));
  EXPECT_EQ(status.code, MLC_STATUS_NOT_FOUND);
  EXPECT_THAT(status.message,
              StrEq("output 'nope' not found; valid outputs: 'out'"));
  EXPECT_EQ(data, nullptr);
}

TEST_F(SessionTest, OutputBeforeRun) {
  const void* data = nullptr;
  mlc::testing::Status status =
      Take(mlc_session_output(session_, "out", nullptr, &data, nullptr));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("output 'out' is not available"));
}

TEST_F(SessionTest, NullArguments) {
  const auto invalid = [](mlc_status_t status) {
    return Take(status).code == MLC_STATUS_INVALID_ARGUMENT;
  };
  mlc_allocator_t system = mlc_allocator_system();
  mlc_allocator_t broken = {nullptr, nullptr, nullptr};
  mlc_module_t* module = nullptr;
  mlc_session_t* session = nullptr;
  mlc_tensor_info_t info;
  const void* data = nullptr;
  EXPECT_TRUE(invalid(mlc_module_load_file(nullptr, system, &module)));
  EXPECT_TRUE(invalid(mlc_module_load_file(path_.c_str(), system, nullptr)));
  EXPECT_TRUE(invalid(mlc_module_load_file(path_.c_str(), broken, &module)));
  EXPECT_EQ(module, nullptr);
  EXPECT_TRUE(invalid(mlc_module_input_info(nullptr, 0, &info)));
  EXPECT_TRUE(invalid(mlc_module_input_info(module_, 0, nullptr)));
  EXPECT_TRUE(invalid(mlc_module_output_info(nullptr, 0, &info)));
  EXPECT_EQ(mlc_module_input_count(nullptr), 0u);
  EXPECT_EQ(mlc_module_output_count(nullptr), 0u);
  EXPECT_EQ(mlc_module_weights_size(nullptr), 0u);
  EXPECT_EQ(mlc_module_code_size(nullptr), 0u);
  EXPECT_TRUE(invalid(mlc_session_create(nullptr, system, &session)));
  EXPECT_TRUE(invalid(mlc_session_create(module_, system, nullptr)));
  EXPECT_TRUE(invalid(mlc_session_create(module_, broken, &session)));
  EXPECT_EQ(session, nullptr);
  EXPECT_TRUE(invalid(
      mlc_session_bind_input(nullptr, "x", MLC_DTYPE_F32, 2, kShape, kX, 24)));
  EXPECT_TRUE(invalid(mlc_session_bind_input(session_, nullptr, MLC_DTYPE_F32,
                                             2, kShape, kX, 24)));
  EXPECT_TRUE(invalid(mlc_session_bind_input(session_, "x", MLC_DTYPE_F32, 2,
                                             nullptr, kX, 24)));
  EXPECT_TRUE(invalid(mlc_session_bind_input(session_, "x", MLC_DTYPE_F32, 2,
                                             kShape, nullptr, 24)));
  EXPECT_TRUE(invalid(mlc_session_run(nullptr)));
  EXPECT_TRUE(invalid(mlc_session_output(nullptr, "out", &info, &data, nullptr)));
  EXPECT_TRUE(invalid(mlc_session_output(session_, nullptr, &info, &data,
                                         nullptr)));
  EXPECT_TRUE(invalid(mlc_session_output(session_, "out", &info, nullptr,
                                         nullptr)));
  mlc_module_retain(nullptr);
  mlc_module_release(nullptr);
  mlc_session_retain(nullptr);
  mlc_session_release(nullptr);
}

TEST_F(SessionTest, RetainRelease) {
  mlc_session_retain(session_);
  mlc_session_release(session_);
  mlc_module_retain(module_);
  mlc_module_release(module_);
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, 24).code, MLC_STATUS_OK);
  EXPECT_EQ(mlc_session_run(session_), MLC_OK);
}

TEST_F(SessionTest, TwoSessionsOwnTheirOutputs) {
  mlc_session_t* other = nullptr;
  ASSERT_EQ(mlc_session_create(module_, allocator_.get(), &other), MLC_OK);
  const float x2[6] = {-10, -20, -30, -40, -50, -60};
  ASSERT_EQ(Bind("x", MLC_DTYPE_F32, 2, kShape, 24).code, MLC_STATUS_OK);
  ASSERT_EQ(mlc_session_bind_input(other, "x", MLC_DTYPE_F32, 2, kShape, x2,
                                   sizeof(x2)),
            MLC_OK);
  ASSERT_EQ(mlc_session_run(session_), MLC_OK);
  ASSERT_EQ(mlc_session_run(other), MLC_OK);
  EXPECT_THAT(Output(), ElementsAre(11, 22, 33, 44, 55, 66));
  const void* data = nullptr;
  size_t size = 0;
  ASSERT_EQ(mlc_session_output(other, "out", nullptr, &data, &size), MLC_OK);
  const float* p = static_cast<const float*>(data);
  EXPECT_THAT(std::vector<float>(p, p + 6), ElementsAre(0, 0, 0, 0, 0, 0));
  mlc_session_release(other);
}

}  // namespace
