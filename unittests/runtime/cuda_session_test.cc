// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// CUDA modules and sessions on the fake driver (fake_cuda_driver.h), which
// runs the test kernels on the host and records every launch; and the
// errors of a missing driver, a failing one and a GPU too old for the PTX.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "artifact_builder.h"
#include "fake_cuda_driver.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::ArtifactSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::CountingAllocator;
using ::mlc::testing::CudaAddModelSpec;
using ::mlc::testing::CudaAddProgramSpec;
using ::mlc::testing::CudaProgramSpec;
using ::mlc::testing::FakePtx;
using ::mlc::testing::Status;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::testing::StrEq;

const int64_t kShape[2] = {2, 3};
const float kX[6] = {1, 2, 3, 4, 5, 6};
const float kW[6] = {10, 20, 30, 40, 50, 60};
const float kC[6] = {100, 200, 300, 400, 500, 600};

// The |count| floats at device address |address| (a host address in the
// fake driver).
std::vector<float> DeviceFloats(unsigned long long address, size_t count) {
  const float* p = reinterpret_cast<const float*>(address);
  return std::vector<float>(p, p + count);
}

class CudaSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("MLC_CUDA_DRIVER", MLC_TEST_FAKE_CUDA_PATH, 1);
    fake_cuda_reset();
  }
  void TearDown() override {
    mlc_session_release(session_);
    mlc_module_release(module_);
    EXPECT_EQ(fake_cuda_live_objects(), 0);
    EXPECT_EQ(fake_cuda_context_depth(), 0);
    EXPECT_EQ(allocator_.live, 0);
    for (const char* name : {"MLC_CUDA_DRIVER", "MLC_CUDA_DEVICE",
                             "FAKE_CUDA_CC", "FAKE_CUDA_INIT_ERROR"}) {
      unsetenv(name);
    }
  }

  Status Load(const ArtifactSpec& spec) {
    path_ = WriteTempFile("cuda.mlc", BuildArtifact(spec));
    return Take(
        mlc_module_load_file(path_.c_str(), allocator_.get(), &module_));
  }
  // Expects loading |spec| to fail with |code| and a message that starts
  // with the path and contains |text|.
  void ExpectLoadError(const ArtifactSpec& spec, mlc_status_code_t code,
                       const std::string& text) {
    Status status = Load(spec);
    EXPECT_EQ(status.code, code) << status.message;
    EXPECT_THAT(status.message,
                AllOf(StartsWith(path_ + ": "), HasSubstr(text)));
    EXPECT_EQ(module_, nullptr);
  }
  // Loads the add model and creates a session with x bound.
  void Start() {
    ASSERT_EQ(Load(CudaAddModelSpec()).message, "OK");
    ASSERT_EQ(
        Take(mlc_session_create(module_, allocator_.get(), &session_)).message,
        "OK");
    ASSERT_EQ(Take(mlc_session_bind_input(session_, "x", MLC_DTYPE_F32, 2,
                                          kShape, x_, sizeof(x_)))
                  .message,
              "OK");
  }
  std::vector<float> Output() {
    const void* data = nullptr;
    size_t size = 0;
    EXPECT_EQ(Take(mlc_session_output(session_, "out", nullptr, &data, &size))
                  .message,
              "OK");
    const float* p = static_cast<const float*>(data);
    return p ? std::vector<float>(p, p + size / sizeof(float))
             : std::vector<float>();
  }

  CountingAllocator allocator_;
  std::string path_;
  float x_[6] = {1, 2, 3, 4, 5, 6};
  mlc_module_t* module_ = nullptr;
  mlc_session_t* session_ = nullptr;
};

TEST_F(CudaSessionTest, MissingDriverIsUnavailable) {
  setenv("MLC_CUDA_DRIVER", "/nonexistent/libcuda.so.1", 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_UNAVAILABLE,
                  "CUDA artifact needs the NVIDIA driver: cannot load "
                  "/nonexistent/libcuda.so.1: ");
  // The fake driver, cached by path, still loads afterwards.
  setenv("MLC_CUDA_DRIVER", MLC_TEST_FAKE_CUDA_PATH, 1);
  EXPECT_EQ(Load(CudaAddModelSpec()).message, "OK");
}

TEST_F(CudaSessionTest, LibraryWithoutTheDriverApiIsUnavailable) {
  setenv("MLC_CUDA_DRIVER", MLC_TEST_ADD_MODEL_PATH, 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_UNAVAILABLE,
                  std::string("the NVIDIA driver ") + MLC_TEST_ADD_MODEL_PATH +
                      " lacks cuInit; update the driver");
}

TEST_F(CudaSessionTest, DriverErrorsNameTheCall) {
  setenv("FAKE_CUDA_INIT_ERROR", "100", 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_UNAVAILABLE,
                  "cuInit failed: CUDA_ERROR_NO_DEVICE (no CUDA-capable "
                  "device is detected)");
  setenv("FAKE_CUDA_INIT_ERROR", "12345", 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_INTERNAL,
                  "cuInit failed: CUDA error 12345 (no description)");
}

TEST_F(CudaSessionTest, DeviceOrdinal) {
  setenv("MLC_CUDA_DEVICE", "1", 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_UNAVAILABLE,
                  "cuDeviceGet(1) failed: CUDA_ERROR_INVALID_DEVICE");
  setenv("MLC_CUDA_DEVICE", "gpu0", 1);
  ExpectLoadError(CudaAddModelSpec(), MLC_STATUS_INVALID_ARGUMENT,
                  "MLC_CUDA_DEVICE is 'gpu0'; it must be a device ordinal");
  setenv("MLC_CUDA_DEVICE", "0", 1);
  EXPECT_EQ(Load(CudaAddModelSpec()).message, "OK");
}

TEST_F(CudaSessionTest, NoPtxForAnOlderGpu) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.images = {{90, FakePtx(90)}};
  setenv("FAKE_CUDA_CC", "75", 1);
  ExpectLoadError(CudaAddModelSpec(program), MLC_STATUS_UNIMPLEMENTED,
                  "the artifact has PTX for sm_90 but the GPU is sm_75 "
                  "(compute capability 7.5); recompile with "
                  "--cuda-arch=sm_75");
  program.images = {{86, FakePtx(86)}, {90, FakePtx(90)}};
  ExpectLoadError(CudaAddModelSpec(program), MLC_STATUS_UNIMPLEMENTED,
                  "the artifact has PTX for sm_86, sm_90 but the GPU is sm_75");
}

TEST_F(CudaSessionTest, LoadsTheNewestPtxTheGpuRuns) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.images = {{90, FakePtx(90)}, {80, FakePtx(80)}, {70, FakePtx(70)}};
  const struct {
    const char* cc;
    const char* arch;
  } cases[] = {{"86", "sm_80"},
               {"80", "sm_80"},
               {"90", "sm_90"},
               {"100", "sm_90"},
               {"75", "sm_70"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.cc);
    setenv("FAKE_CUDA_CC", c.cc, 1);
    ASSERT_EQ(Load(CudaAddModelSpec(program)).message, "OK");
    EXPECT_THAT(fake_cuda_loaded_ptx(),
                HasSubstr(std::string("// fake PTX for ") + c.arch + "\n"));
    mlc_module_release(module_);
    module_ = nullptr;
  }
}

TEST_F(CudaSessionTest, KernelMissingFromPtx) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.kernels.push_back("mlc_test_missing");
  ExpectLoadError(CudaAddModelSpec(program), MLC_STATUS_DATA_LOSS,
                  "cuModuleGetFunction for kernel 'mlc_test_missing' failed: "
                  "CUDA_ERROR_NOT_FOUND (named symbol not found)");
}

TEST_F(CudaSessionTest, InvalidPtxReportsTheJitLog) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.images[0].ptx += "FAKE_INVALID_PTX\n";
  ExpectLoadError(CudaAddModelSpec(program), MLC_STATUS_DATA_LOSS,
                  "cuModuleLoadDataEx (PTX for sm_80) failed: "
                  "CUDA_ERROR_INVALID_PTX (a PTX JIT compilation failed); "
                  "JIT log: ptxas fatal: fake syntax error");
}

TEST_F(CudaSessionTest, DescribesModule) {
  ASSERT_EQ(Load(CudaAddModelSpec()).message, "OK");
  EXPECT_EQ(mlc_module_target(module_), MLC_TARGET_CUDA_PTX);
  EXPECT_EQ(mlc_module_input_count(module_), 1u);
  mlc_tensor_info_t info;
  ASSERT_EQ(mlc_module_output_info(module_, 0, &info), MLC_OK);
  EXPECT_THAT(info.name, StrEq("out"));
  EXPECT_EQ(mlc_module_weights_size(module_), 64u);
  EXPECT_EQ(mlc_module_target(nullptr), 0);
}

TEST_F(CudaSessionTest, InfoOnlyLoadNeedsNoDriver) {
  setenv("MLC_CUDA_DRIVER", "/nonexistent/libcuda.so.1", 1);
  path_ = WriteTempFile("cuda.mlc", BuildArtifact(CudaAddModelSpec()));
  ASSERT_EQ(Take(mlc_module_load_file_info(path_.c_str(), allocator_.get(),
                                           &module_))
                .message,
            "OK");
  EXPECT_EQ(mlc_module_target(module_), MLC_TARGET_CUDA_PTX);
  mlc_tensor_info_t info;
  ASSERT_EQ(mlc_module_input_info(module_, 0, &info), MLC_OK);
  EXPECT_THAT(std::vector<int64_t>(info.dims, info.dims + info.rank),
              ElementsAreArray(kShape));
  Status status =
      Take(mlc_session_create(module_, allocator_.get(), &session_));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("mlc_module_load_file_info"));
  EXPECT_EQ(session_, nullptr);
}

TEST_F(CudaSessionTest, InfoOnlyLoadStillValidates) {
  ::mlc::testing::Bytes bytes = BuildArtifact(CudaAddModelSpec());
  bytes.resize(bytes.size() - 1);
  path_ = WriteTempFile("cuda.mlc", bytes);
  Status status = Take(
      mlc_module_load_file_info(path_.c_str(), allocator_.get(), &module_));
  EXPECT_EQ(status.code, MLC_STATUS_DATA_LOSS);
  EXPECT_THAT(status.message, StartsWith(path_));
}

TEST_F(CudaSessionTest, RunsTheLaunchesInOrder) {
  Start();
  ASSERT_EQ(Take(mlc_session_run(session_)).message, "OK");
  EXPECT_THAT(Output(), ElementsAre(111, 222, 333, 444, 555, 666));
  EXPECT_EQ(fake_cuda_sync_count(), 1u);
  ASSERT_EQ(fake_cuda_launch_count(), 3u);
  const fake_cuda_launch_t& copy = *fake_cuda_launch(0);
  const fake_cuda_launch_t& add_w = *fake_cuda_launch(1);
  const fake_cuda_launch_t& add_c = *fake_cuda_launch(2);
  EXPECT_THAT(copy.kernel, StrEq("mlc_test_copy"));
  EXPECT_THAT(copy.grid, ElementsAre(24, 1, 1));
  EXPECT_THAT(copy.block, ElementsAre(1, 1, 1));
  EXPECT_THAT(add_w.kernel, StrEq("mlc_test_add_f32"));
  EXPECT_THAT(add_w.grid, ElementsAre(2, 1, 1));
  EXPECT_THAT(add_w.block, ElementsAre(3, 1, 1));
  EXPECT_THAT(add_c.grid, ElementsAre(3, 1, 1));
  EXPECT_THAT(add_c.block, ElementsAre(2, 1, 1));
  EXPECT_EQ(copy.stream, add_w.stream);
  EXPECT_EQ(copy.stream, add_c.stream);
  // Input, arena + 64, arena + 0, weight, constant + 8 and output, each at
  // an aligned base: the input holds x, the weight w, the constant c.
  unsigned long long input = copy.args[0];
  unsigned long long arena = add_w.args[2];
  for (unsigned long long base :
       {input, arena, add_w.args[1], add_c.args[1] - 8, add_c.args[2]}) {
    EXPECT_EQ(base % 256, 0u) << base;
  }
  EXPECT_THAT(DeviceFloats(input, 6), ElementsAreArray(kX));
  EXPECT_EQ(copy.args[1], arena + 64);
  EXPECT_EQ(add_w.args[0], arena + 64);
  EXPECT_THAT(DeviceFloats(add_w.args[1], 6), ElementsAreArray(kW));
  EXPECT_EQ(add_c.args[0], arena);
  EXPECT_THAT(DeviceFloats(add_c.args[1], 6), ElementsAreArray(kC));
  EXPECT_THAT(DeviceFloats(add_c.args[2], 6),
              ElementsAre(111, 222, 333, 444, 555, 666));
}

TEST_F(CudaSessionTest, RunsAgainWithNewInputs) {
  Start();
  ASSERT_EQ(Take(mlc_session_run(session_)).message, "OK");
  for (float& v : x_) v *= 2;
  ASSERT_EQ(Take(mlc_session_run(session_)).message, "OK");
  EXPECT_THAT(Output(), ElementsAre(112, 224, 336, 448, 560, 672));
  ASSERT_EQ(fake_cuda_launch_count(), 6u);
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_THAT(fake_cuda_launch(3)->args[k], fake_cuda_launch(0)->args[k]);
  }
}

TEST_F(CudaSessionTest, RunAsyncOnTheSessionStream) {
  Start();
  ASSERT_EQ(Take(mlc_session_run(session_)).message, "OK");
  void* session_stream = fake_cuda_launch(0)->stream;
  fake_cuda_reset();
  ASSERT_EQ(Take(mlc_session_run_async(session_, nullptr)).message, "OK");
  EXPECT_EQ(fake_cuda_sync_count(), 0u);
  ASSERT_EQ(fake_cuda_launch_count(), 3u);
  EXPECT_EQ(fake_cuda_launch(2)->stream, session_stream);
  // The fake driver completes work as it is enqueued.
  EXPECT_THAT(Output(), ElementsAre(111, 222, 333, 444, 555, 666));
}

TEST_F(CudaSessionTest, RunAsyncOnTheCallersStream) {
  Start();
  CUcontext context = nullptr;
  CUstream stream = nullptr;
  ASSERT_EQ(cuDevicePrimaryCtxRetain(&context, 0), 0);
  ASSERT_EQ(cuCtxPushCurrent_v2(context), 0);
  ASSERT_EQ(cuStreamCreate(&stream, 0), 0);
  ASSERT_EQ(Take(mlc_session_run_async(session_, stream)).message, "OK");
  ASSERT_EQ(fake_cuda_launch_count(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(fake_cuda_launch(i)->stream, stream);
  EXPECT_EQ(fake_cuda_sync_count(), 0u);
  EXPECT_THAT(Output(), ElementsAre(111, 222, 333, 444, 555, 666));
  EXPECT_EQ(cuStreamDestroy_v2(stream), 0);
  EXPECT_EQ(cuCtxPopCurrent_v2(&context), 0);
  EXPECT_EQ(cuDevicePrimaryCtxRelease_v2(0), 0);
}

TEST_F(CudaSessionTest, RunNeedsEveryInput) {
  ASSERT_EQ(Load(CudaAddModelSpec()).message, "OK");
  ASSERT_EQ(
      Take(mlc_session_create(module_, allocator_.get(), &session_)).message,
      "OK");
  Status status = Take(mlc_session_run_async(session_, nullptr));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_THAT(status.message, HasSubstr("input 'x' is not bound"));
  EXPECT_EQ(fake_cuda_launch_count(), 0u);
  const void* data = nullptr;
  EXPECT_EQ(
      Take(mlc_session_output(session_, "out", nullptr, &data, nullptr)).code,
      MLC_STATUS_INVALID_ARGUMENT);
}

TEST_F(CudaSessionTest, ThreadCountIsAcceptedAndIgnored) {
  Start();
  EXPECT_EQ(Take(mlc_session_set_num_threads(session_, 8)).message, "OK");
  EXPECT_EQ(Take(mlc_session_set_num_threads(session_, 0)).code,
            MLC_STATUS_INVALID_ARGUMENT);
  ASSERT_EQ(Take(mlc_session_run(session_)).message, "OK");
  EXPECT_THAT(Output(), ElementsAre(111, 222, 333, 444, 555, 666));
}

TEST_F(CudaSessionTest, SessionsOutliveTheirModulesReference) {
  Start();
  mlc_session_t* second = nullptr;
  ASSERT_EQ(
      Take(mlc_session_create(module_, allocator_.get(), &second)).message,
      "OK");
  mlc_module_release(module_);
  module_ = nullptr;
  ASSERT_EQ(Take(mlc_session_bind_input(second, "x", MLC_DTYPE_F32, 2, kShape,
                                        kX, sizeof(kX)))
                .message,
            "OK");
  EXPECT_EQ(Take(mlc_session_run(second)).message, "OK");
  EXPECT_EQ(Take(mlc_session_run(session_)).message, "OK");
  EXPECT_NE(fake_cuda_launch(0)->args[0], fake_cuda_launch(3)->args[0]);
  mlc_session_release(second);
}

TEST(CudaCpuModuleTest, RunAsyncNeedsACudaModule) {
  std::string path = WriteTempFile("cpu.mlc", BuildArtifact(AddModelSpec()));
  mlc_module_t* module = nullptr;
  mlc_session_t* session = nullptr;
  ASSERT_EQ(mlc_module_load_file(path.c_str(), mlc_allocator_system(), &module),
            MLC_OK);
  EXPECT_EQ(mlc_module_target(module), MLC_TARGET_CPU_X86_64_ELF);
  ASSERT_EQ(mlc_session_create(module, mlc_allocator_system(), &session),
            MLC_OK);
  Status status = Take(mlc_session_run_async(session, nullptr));
  EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(status.message,
            "mlc_session_run_async needs a CUDA module; this module targets "
            "the CPU");
  mlc_session_release(session);
  mlc_module_release(module);
}

}  // namespace
