// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// CUDA artifacts whose program is corrupt or unsupported. The runtime checks
// the program before it loads the driver, so these tests point
// MLC_CUDA_DRIVER at a library that does not exist: every error must come
// from the checks.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::ArtifactSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::Bytes;
using ::mlc::testing::CountingAllocator;
using ::mlc::testing::CudaAddModelSpec;
using ::mlc::testing::CudaAddProgramSpec;
using ::mlc::testing::CudaArgSpec;
using ::mlc::testing::CudaProgramSpec;
using ::mlc::testing::EncodeCudaProgram;
using ::mlc::testing::Status;
using ::mlc::testing::Sym;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class CudaProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("MLC_CUDA_DRIVER", "/nonexistent/libcuda.so.1", 1);
  }
  void TearDown() override {
    unsetenv("MLC_CUDA_DRIVER");
    EXPECT_EQ(allocator_.live, 0);
  }

  // Loads |spec| and expects |code| and a message that starts with the path
  // and contains |text|.
  void ExpectError(const ArtifactSpec& spec, mlc_status_code_t code,
                   const std::string& text) {
    std::string path = WriteTempFile("cuda_bad.mlc", BuildArtifact(spec));
    mlc_module_t* module = nullptr;
    Status status =
        Take(mlc_module_load_file(path.c_str(), allocator_.get(), &module));
    EXPECT_EQ(status.code, code) << status.message;
    EXPECT_THAT(status.message,
                AllOf(StartsWith(path + ": "), HasSubstr(text)));
    EXPECT_EQ(module, nullptr);
    mlc_module_release(module);
  }
  void ExpectProgramError(const CudaProgramSpec& program,
                          const std::string& text) {
    ExpectError(CudaAddModelSpec(program), MLC_STATUS_DATA_LOSS, text);
  }
  void ExpectCodeError(const Bytes& code, const std::string& text) {
    ArtifactSpec spec = CudaAddModelSpec();
    spec.code = code;
    ExpectError(spec, MLC_STATUS_DATA_LOSS, text);
  }

  CountingAllocator allocator_;
};

TEST_F(CudaProgramTest, ValidProgramGetsAsFarAsTheDriver) {
  ExpectError(CudaAddModelSpec(), MLC_STATUS_UNAVAILABLE,
              "CUDA artifact needs the NVIDIA driver: cannot load "
              "/nonexistent/libcuda.so.1: ");
}

TEST_F(CudaProgramTest, EveryTruncationIsDataLoss) {
  Bytes code = EncodeCudaProgram(CudaAddProgramSpec());
  for (size_t size = 1; size < code.size(); ++size) {
    SCOPED_TRACE(size);
    ExpectCodeError(Bytes(code.begin(), code.begin() + size),
                    "truncated CUDA program: ");
  }
}

TEST_F(CudaProgramTest, TruncationNamesTheRecord) {
  Bytes code = EncodeCudaProgram(CudaAddProgramSpec());
  code.resize(code.size() - 4);
  ExpectCodeError(code,
                  "truncated CUDA program: arg offset needs 8 bytes at "
                  "CUDA program offset " +
                      std::to_string(code.size() - 4) + " but only 4 remain");
}

TEST_F(CudaProgramTest, BadMagic) {
  Bytes code = EncodeCudaProgram(CudaAddProgramSpec());
  code[0] = 'X';
  ExpectCodeError(code,
                  "the code section is not a CUDA program: bad magic "
                  "(expected 'MLCCUDA1')");
}

TEST_F(CudaProgramTest, TrailingBytes) {
  Bytes code = EncodeCudaProgram(CudaAddProgramSpec());
  code.push_back(0);
  ExpectCodeError(code,
                  "1 unexpected bytes after the last CUDA program "
                  "record");
}

TEST_F(CudaProgramTest, HugeCountsFailWithoutHugeAllocations) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.launches.clear();
  Bytes code = EncodeCudaProgram(program);
  uint32_t num_launches = 0xffffffffu;
  std::memcpy(&code[code.size() - 4], &num_launches, 4);
  allocator_.max_size = 1 << 16;
  ExpectCodeError(code, "truncated CUDA program: launch needs 4 bytes");
}

TEST_F(CudaProgramTest, ImagesAndKernels) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.images.clear();
  ExpectProgramError(program, "the CUDA program has no PTX image");
  program = CudaAddProgramSpec();
  program.images[0].ptx.clear();
  ExpectProgramError(program, "PTX has length 0");
  program = CudaAddProgramSpec();
  program.images[0].ptx[3] = '\0';
  ExpectProgramError(program, "PTX contains a NUL byte");
  program = CudaAddProgramSpec();
  program.kernels[1] = "";
  ExpectProgramError(program, "kernel name has length 0");
}

TEST_F(CudaProgramTest, KernelIndexOutOfRange) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.launches[1].kernel = 7;
  ExpectProgramError(program,
                     "launch 1 uses kernel 7, but the program has 2 kernels");
}

TEST_F(CudaProgramTest, ZeroGridOrBlockDim) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.launches[0].grid = {24, 0, 1};
  ExpectProgramError(program,
                     "launch 0 of kernel 'mlc_test_copy' has grid [24,0,1] "
                     "and block [1,1,1]; every dim must be >= 1");
  program = CudaAddProgramSpec();
  program.launches[2].block[2] = 0;
  ExpectProgramError(program,
                     "launch 2 of kernel 'mlc_test_add_f32' has "
                     "grid [3,1,1] and block [2,1,0]");
}

TEST_F(CudaProgramTest, TooManyArgs) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.launches[0].args.resize(MLC_CUDA_MAX_KERNEL_ARGS + 1);
  ExpectProgramError(program, "launch 0 has 65 args, more than the maximum 64");
}

TEST_F(CudaProgramTest, UnknownSpace) {
  CudaProgramSpec program = CudaAddProgramSpec();
  program.launches[0].args[1].space = 9;
  ExpectProgramError(program, "launch 0 arg 1 has unknown space 9");
}

TEST_F(CudaProgramTest, ArgIndexOutOfRange) {
  const struct {
    CudaArgSpec arg;
    const char* text;
  } cases[] = {
      {{MLC_CUDA_ARG_INPUT, 1, 0}, "refers to input 1, out of range [0, 1)"},
      {{MLC_CUDA_ARG_OUTPUT, 3, 0}, "refers to output 3, out of range [0, 1)"},
      {{MLC_CUDA_ARG_WEIGHT, 1, 0}, "refers to weight 1, out of range [0, 1)"},
      {{MLC_CUDA_ARG_CONSTANT, 1, 0},
       "refers to constant 1, out of range [0, 1)"},
      {{MLC_CUDA_ARG_ARENA, 1, 0}, "refers to arena 1, out of range [0, 1)"},
  };
  for (const auto& c : cases) {
    CudaProgramSpec program = CudaAddProgramSpec();
    program.launches[2].args[0] = c.arg;
    ExpectProgramError(program, std::string("launch 2 arg 0 ") + c.text);
  }
}

TEST_F(CudaProgramTest, ArgOffsetOutOfRange) {
  const struct {
    CudaArgSpec arg;
    const char* text;
  } cases[] = {
      {{MLC_CUDA_ARG_INPUT, 0, 24}, "offset 24 is outside input 0 (24 bytes)"},
      {{MLC_CUDA_ARG_OUTPUT, 0, 1u << 20},
       "offset 1048576 is outside output 0 (24 bytes)"},
      {{MLC_CUDA_ARG_WEIGHT, 0, 24},
       "offset 24 is outside weight 0 (24 bytes)"},
      {{MLC_CUDA_ARG_CONSTANT, 0, 32},
       "offset 32 is outside constant 0 (32 bytes)"},
      {{MLC_CUDA_ARG_ARENA, 0, 128},
       "offset 128 is outside arena 0 (128 bytes)"},
      {{MLC_CUDA_ARG_ARENA, 0, ~0ull},
       "offset 18446744073709551615 is outside arena 0"},
  };
  for (const auto& c : cases) {
    CudaProgramSpec program = CudaAddProgramSpec();
    program.launches[1].args[2] = c.arg;
    ExpectProgramError(program, std::string("launch 1 arg 2 ") + c.text);
  }
}

TEST_F(CudaProgramTest, SymbolicDimsAreUnimplemented) {
  ArtifactSpec spec = CudaAddModelSpec();
  spec.symbols = {"batch"};
  spec.inputs[0].dims = {Sym(0), 3};
  ExpectError(spec, MLC_STATUS_UNIMPLEMENTED,
              "CUDA artifacts must have static shapes, but input 'x' dim 0 "
              "is the symbol 'batch'");
}

TEST_F(CudaProgramTest, UnknownTargetIsUnimplemented) {
  ArtifactSpec spec = CudaAddModelSpec();
  spec.target = 3;
  ExpectError(spec, MLC_STATUS_UNIMPLEMENTED, "unsupported target 3");
}

}  // namespace
