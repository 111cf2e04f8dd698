// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Sharded checkpoints: model.safetensors.index.json resolution, shard
// confinement to the model directory, and missing shards or tensors.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "TestUtil.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace mlc::safetensors;
using namespace mlc::safetensors::test;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

/// A shard holding U8 tensors |names|, one byte each: 'A' + position.
std::string shard(std::initializer_list<const char *> names) {
  std::string header = "{", data;
  unsigned offset = 0;
  for (const char *name : names) {
    if (offset)
      header += ",";
    header += llvm::formatv(R"("{0}":{"dtype":"U8","shape":[1],)"
                            R"("data_offsets":[{1},{2}]})",
                            name, offset, offset + 1)
                  .str();
    data += static_cast<char>('A' + offset++);
  }
  return makeSafeTensors(header + "}", data);
}

std::string index(llvm::StringRef weightMap) {
  return (R"({"metadata":{"total_size":3},"weight_map":{)" + weightMap + "}}")
      .str();
}

class SafeTensorsIndexTest : public TempDirTest {
protected:
  /// Writes |json| as the index and returns openIndex's error message.
  std::string indexError(llvm::StringRef json) {
    indexPath = write("model.safetensors.index.json", json);
    auto opened = SafeTensorsIndex::openIndex(indexPath);
    return errorText(opened);
  }

  std::string indexPath;
};

TEST_F(SafeTensorsIndexTest, OpensEachShardOnce) {
  write("s1.safetensors", shard({"a", "b"}));
  write("s2.safetensors", shard({"c", "unlisted"}));
  write("model.safetensors.index.json",
        index(R"("a":"s1.safetensors","b":"./s1.safetensors",)"
              R"("c":"s2.safetensors")"));
  auto model = SafeTensorsIndex::openModelDirectory(dir);
  ASSERT_TRUE(!!model) << llvm::toString(model.takeError());
  EXPECT_THAT((*model)->names(), ElementsAre("a", "b", "c"));
  EXPECT_EQ((*model)->shards().size(), 2u);
  TensorRef b = (*model)->lookup("b");
  ASSERT_NE(b.file, nullptr);
  EXPECT_THAT(b.data(), ElementsAre('B'));
  TensorRef c = (*model)->lookup("c");
  ASSERT_NE(c.file, nullptr);
  EXPECT_THAT(c.data(), ElementsAre('A'));
  EXPECT_EQ((*model)->lookup("unlisted").file, nullptr);
  auto missing = (*model)->get("nope");
  EXPECT_THAT(errorText(missing),
              AllOf(HasSubstr("model.safetensors.index.json"),
                    HasSubstr("tensor 'nope'"), HasSubstr("not found")));
}

TEST_F(SafeTensorsIndexTest, SingleFileDirectory) {
  write("model.safetensors", shard({"x", "y"}));
  auto model = SafeTensorsIndex::openModelDirectory(dir);
  ASSERT_TRUE(!!model) << llvm::toString(model.takeError());
  EXPECT_THAT((*model)->names(), ElementsAre("x", "y"));
  auto y = (*model)->get("y");
  ASSERT_TRUE(!!y) << llvm::toString(y.takeError());
  EXPECT_THAT(y->data(), ElementsAre('B'));
}

TEST_F(SafeTensorsIndexTest, EmptyDirectory) {
  auto model = SafeTensorsIndex::openModelDirectory(dir);
  EXPECT_THAT(errorText(model),
              AllOf(HasSubstr("model.safetensors"), HasSubstr("cannot open")));
}

TEST_F(SafeTensorsIndexTest, MissingShard) {
  std::string msg = indexError(index(R"("a":"absent.safetensors")"));
  EXPECT_THAT(msg, AllOf(HasSubstr(indexPath), HasSubstr("tensor 'a'"),
                         HasSubstr("absent.safetensors")));
}

TEST_F(SafeTensorsIndexTest, TensorMissingFromShard) {
  write("s1.safetensors", shard({"a"}));
  std::string msg =
      indexError(index(R"("a":"s1.safetensors","q":"s1.safetensors")"));
  EXPECT_THAT(msg, AllOf(HasSubstr(indexPath), HasSubstr("tensor 'q'"),
                         HasSubstr("not found in shard"),
                         HasSubstr("s1.safetensors")));
}

TEST_F(SafeTensorsIndexTest, BadShardNamesShard) {
  write("s1.safetensors", makeSafeTensors("{", ""));
  std::string msg = indexError(index(R"("a":"s1.safetensors")"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'a'"), HasSubstr("s1.safetensors"),
                         HasSubstr("not valid JSON")));
}

TEST_F(SafeTensorsIndexTest, AbsoluteShardPath) {
  std::string outside = write("s1.safetensors", shard({"a"}));
  std::string msg = indexError(index("\"a\":\"" + outside + "\""));
  EXPECT_THAT(msg, AllOf(HasSubstr(indexPath), HasSubstr("tensor 'a'"),
                         HasSubstr("must be a relative path")));
}

TEST_F(SafeTensorsIndexTest, DotDotShardPath) {
  write("s1.safetensors", shard({"a"}));
  std::string msg = indexError(index(R"("a":"sub/../s1.safetensors")"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'a'"),
                         HasSubstr("leaves the model directory")));
  msg = indexError(index(R"("a":"")"));
  EXPECT_THAT(msg, HasSubstr("must be a relative path"));
}

TEST_F(SafeTensorsIndexTest, SymlinkEscapingDirectory) {
  llvm::SmallString<128> outsideDir;
  ASSERT_FALSE(
      llvm::sys::fs::createUniqueDirectory("mlc-safetensors-out", outsideDir));
  llvm::SmallString<256> target(outsideDir);
  llvm::sys::path::append(target, "s.safetensors");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(target, ec);
    ASSERT_FALSE(ec);
    os << shard({"a"});
  }
  ASSERT_FALSE(llvm::sys::fs::create_link(target, path("link.safetensors")));
  ASSERT_FALSE(llvm::sys::fs::create_link(outsideDir, path("linkdir")));
  // A symlink that stays inside the directory is fine.
  write("inside.safetensors", shard({"b"}));
  ASSERT_FALSE(llvm::sys::fs::create_link(path("inside.safetensors"),
                                          path("ok.safetensors")));

  std::string msg = indexError(index(R"("a":"link.safetensors")"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'a'"),
                         HasSubstr("resolves outside the model directory")));
  msg = indexError(index(R"("a":"linkdir/s.safetensors")"));
  EXPECT_THAT(msg, HasSubstr("resolves outside the model directory"));
  EXPECT_EQ(indexError(index(R"("b":"ok.safetensors")")), "");
  llvm::sys::fs::remove_directories(outsideDir);
}

TEST_F(SafeTensorsIndexTest, MalformedIndex) {
  EXPECT_THAT(indexError("{"), AllOf(HasSubstr("model.safetensors.index.json"),
                                     HasSubstr("not valid JSON")));
  EXPECT_THAT(indexError("[]"), HasSubstr("'weight_map' is missing"));
  EXPECT_THAT(indexError(R"({"weight_map":[]})"),
              HasSubstr("'weight_map' is missing or not a JSON object"));
  EXPECT_THAT(indexError(R"({"weight_map":{}})"),
              HasSubstr("'weight_map' is empty"));
  EXPECT_THAT(indexError(index(R"("a":3)")),
              HasSubstr("'weight_map' entry 'a' is not a string"));
  auto absent = SafeTensorsIndex::openIndex(path("none.json"));
  EXPECT_THAT(errorText(absent),
              AllOf(HasSubstr("none.json"), HasSubstr("cannot read")));
}

} // namespace
