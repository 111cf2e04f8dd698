// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// One module shared by many sessions on many threads: every thread's outputs
// equal a serial run bit for bit, and retain/release from all threads leaves
// nothing behind. Run under TSan to check the runtime's synchronization.

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "artifact_builder.h"
#include "mlc/runtime/api.h"

namespace {

using ::mlc::testing::AddModelSpec;
using ::mlc::testing::BuildArtifact;
using ::mlc::testing::ScaleModelSpec;
using ::mlc::testing::Take;
using ::mlc::testing::WriteTempFile;

constexpr int kThreads = 8;
constexpr int kRunsPerThread = 50;
const int64_t kShape[2] = {2, 3};

// Runs |session| on input |seed| + 0..5 and returns the output.
std::vector<float> RunOnce(mlc_session_t* session, float seed) {
  float x[6];
  for (int i = 0; i < 6; ++i) x[i] = seed + static_cast<float>(i);
  std::vector<float> out;
  if (Take(mlc_session_bind_input(session, "x", MLC_DTYPE_F32, 2, kShape, x,
                                  sizeof(x))).message != "OK" ||
      Take(mlc_session_run(session)).message != "OK")
    return out;
  const void* data = nullptr;
  size_t size = 0;
  if (Take(mlc_session_output(session, "out", nullptr, &data, &size)).message ==
      "OK")
    out.assign(static_cast<const float*>(data),
               static_cast<const float*>(data) + size / sizeof(float));
  return out;
}

TEST(ConcurrencyTest, SessionsOnThreadsMatchSerialRuns) {
  std::string path = WriteTempFile("shared.mlc", BuildArtifact(AddModelSpec()));
  mlc_module_t* module = nullptr;
  ASSERT_EQ(Take(mlc_module_load_file(path.c_str(), mlc_allocator_system(),
                                      &module)).message,
            "OK");
  // Serial reference, one result per thread's seed.
  std::vector<std::vector<float>> expected(kThreads);
  {
    mlc_session_t* session = nullptr;
    ASSERT_EQ(Take(mlc_session_create(module, mlc_allocator_system(),
                                      &session)).message,
              "OK");
    for (int t = 0; t < kThreads; ++t)
      expected[t] = RunOnce(session, static_cast<float>(t));
    mlc_session_release(session);
  }
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      mlc_module_retain(module);
      mlc_session_t* session = nullptr;
      if (Take(mlc_session_create(module, mlc_allocator_system(), &session))
              .message != "OK") {
        mismatches[t] = -1;
      } else {
        for (int r = 0; r < kRunsPerThread; ++r) {
          std::vector<float> got = RunOnce(session, static_cast<float>(t));
          if (got.size() != expected[t].size() ||
              std::memcmp(got.data(), expected[t].data(),
                          got.size() * sizeof(float)) != 0)
            ++mismatches[t];
        }
        mlc_session_release(session);
      }
      mlc_module_release(module);
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(mismatches[t], 0) << "thread " << t;
  ASSERT_FALSE(expected[0].empty());
  mlc_module_release(module);
}

// Runs the scale model on a [batch, seq] input; true when y = 2 * x with
// the right dims.
bool RunScaleOnce(mlc_session_t* session, int64_t batch, int64_t seq,
                  float seed) {
  std::vector<float> x(static_cast<size_t>(batch * seq));
  for (size_t i = 0; i < x.size(); ++i) x[i] = seed + static_cast<float>(i);
  const int64_t dims[2] = {batch, seq};
  if (Take(mlc_session_bind_input(session, "x", MLC_DTYPE_F32, 2, dims,
                                  x.data(), x.size() * sizeof(float)))
              .message != "OK" ||
      Take(mlc_session_run(session)).message != "OK")
    return false;
  mlc_tensor_info_t info;
  const void* data = nullptr;
  size_t size = 0;
  if (Take(mlc_session_output(session, "y", &info, &data, &size)).message !=
          "OK" ||
      info.rank != 2 || info.dims[0] != batch || info.dims[1] != seq ||
      size != x.size() * sizeof(float))
    return false;
  const float* y = static_cast<const float*>(data);
  for (size_t i = 0; i < x.size(); ++i)
    if (y[i] != 2 * x[i]) return false;
  return true;
}

// Sessions on threads resize their dynamic outputs independently.
TEST(ConcurrencyTest, DynamicShapesOnThreads) {
  std::string path =
      WriteTempFile("shared_scale.mlc", BuildArtifact(ScaleModelSpec()));
  mlc_module_t* module = nullptr;
  ASSERT_EQ(Take(mlc_module_load_file(path.c_str(), mlc_allocator_system(),
                                      &module)).message,
            "OK");
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      mlc_session_t* session = nullptr;
      if (Take(mlc_session_create(module, mlc_allocator_system(), &session))
              .message != "OK") {
        failures[t] = -1;
        return;
      }
      for (int r = 0; r < kRunsPerThread; ++r) {
        if (!RunScaleOnce(session, 1 + (t + r) % 5, 1 + (3 * r) % 7,
                          static_cast<float>(t)))
          ++failures[t];
      }
      mlc_session_release(session);
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t)
    EXPECT_EQ(failures[t], 0) << "thread " << t;
  mlc_module_release(module);
}


// A session with worker threads: the add model shares its sums out through
// parallel_for, and every run on 1 to 4 threads gives the serial result;
// sessions with pools on several threads at once stay independent.
TEST(ConcurrencyTest, SessionThreadPoolsMatchSerialRuns) {
  std::string path = WriteTempFile("pool.mlc", BuildArtifact(AddModelSpec()));
  mlc_module_t* module = nullptr;
  ASSERT_EQ(Take(mlc_module_load_file(path.c_str(), mlc_allocator_system(),
                                      &module)).message,
            "OK");
  mlc_session_t* serial = nullptr;
  ASSERT_EQ(Take(mlc_session_create(module, mlc_allocator_system(), &serial))
                .message,
            "OK");
  std::vector<float> expected = RunOnce(serial, 1.5f);
  ASSERT_EQ(expected.size(), 6u);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      mlc_session_t* session = nullptr;
      if (Take(mlc_session_create(module, mlc_allocator_system(), &session))
                  .message != "OK" ||
          Take(mlc_session_set_num_threads(session, t + 1)).message != "OK") {
        mismatches[t] = -1;
        mlc_session_release(session);
        return;
      }
      for (int r = 0; r < kRunsPerThread; ++r)
        if (RunOnce(session, 1.5f) != expected) ++mismatches[t];
      mlc_session_release(session);
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "threads " << t + 1;
  // Changing the count between runs, back to one thread.
  for (int64_t n : {3, 2, 1, 4}) {
    ASSERT_EQ(Take(mlc_session_set_num_threads(serial, n)).message, "OK");
    EXPECT_EQ(RunOnce(serial, 1.5f), expected) << n << " threads";
  }
  mlc_session_release(serial);
  mlc_module_release(module);
}

TEST(ConcurrencyTest, ThreadCountOutOfRange) {
  std::string path = WriteTempFile("range.mlc", BuildArtifact(AddModelSpec()));
  mlc_module_t* module = nullptr;
  ASSERT_EQ(Take(mlc_module_load_file(path.c_str(), mlc_allocator_system(),
                                      &module)).message,
            "OK");
  mlc_session_t* session = nullptr;
  ASSERT_EQ(Take(mlc_session_create(module, mlc_allocator_system(), &session))
                .message,
            "OK");
  for (int64_t n : {0, -1, MLC_MAX_THREADS + 1}) {
    auto status = Take(mlc_session_set_num_threads(session, n));
    EXPECT_EQ(status.code, MLC_STATUS_INVALID_ARGUMENT) << n;
    EXPECT_NE(status.message.find("num_threads must be in [1, 256]"),
              std::string::npos)
        << status.message;
  }
  EXPECT_EQ(Take(mlc_session_set_num_threads(nullptr, 2)).code,
            MLC_STATUS_INVALID_ARGUMENT);
  EXPECT_EQ(RunOnce(session, 0.0f).size(), 6u);  // still one thread, works
  mlc_session_release(session);
  mlc_module_release(module);
}

}  // namespace
