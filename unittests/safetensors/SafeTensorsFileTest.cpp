// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Bounds checks of the safetensors reader: every malformed header fails with
// a message naming the file and, where one is at fault, the tensor.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"

#include "TestUtil.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include <cmath>
#include <limits>

using namespace mlc::safetensors;
using namespace mlc::safetensors::test;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

namespace {

class SafeTensorsFileTest : public TempDirTest {
protected:
  /// Writes |bytes| to model.safetensors, opens it and returns the error
  /// message ("" on success).
  std::string openError(llvm::StringRef bytes) {
    file = write("model.safetensors", bytes);
    auto opened = SafeTensorsFile::open(file);
    return errorText(opened);
  }

  /// A header holding one tensor "w" with the given fields.
  static std::string oneTensor(llvm::StringRef dtype, llvm::StringRef shape,
                               llvm::StringRef offsets) {
    return (llvm::Twine("{\"w\":{\"dtype\":\"") + dtype +
            "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}")
        .str();
  }

  std::string file;
};

std::string goodFile() {
  std::string data;
  appendLE<float>(data, 1.5f);
  appendLE<float>(data, -2.25f);
  for (uint16_t h : {0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00, 0x8000})
    appendLE<uint16_t>(data, h);
  for (uint16_t b : {0x3F80, 0x4049, 0xC2F7})
    appendLE<uint16_t>(data, b);
  appendLE<int32_t>(data, -7);
  // Trailing spaces pad the header, as the format allows.
  std::string header =
      R"({"__metadata__":{"format":"pt"},)"
      R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
      R"("h":{"dtype":"F16","shape":[7],"data_offsets":[8,22]},)"
      R"("b":{"dtype":"BF16","shape":[1,3],"data_offsets":[22,28]},)"
      R"("i":{"dtype":"I32","shape":[],"data_offsets":[28,32]},)"
      R"("e":{"dtype":"I64","shape":[0,4],"data_offsets":[32,32]}}   )";
  return makeSafeTensors(header, data);
}

TEST_F(SafeTensorsFileTest, ReadsValues) {
  std::string p = write("model.safetensors", goodFile());
  auto file = SafeTensorsFile::open(p);
  ASSERT_TRUE(!!file) << llvm::toString(file.takeError());
  EXPECT_EQ((*file)->path(), p);
  EXPECT_THAT((*file)->names(), ElementsAre("a", "b", "e", "h", "i"));
  EXPECT_EQ((*file)->metadata().at("format"), "pt");

  const TensorInfo *a = (*file)->lookup("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->dtype, DType::F32);
  EXPECT_THAT(a->shape, ElementsAre(2));
  float av[2];
  ASSERT_FALSE(!!(*file)->readAsF32(*a, av));
  EXPECT_THAT(av, ElementsAre(1.5f, -2.25f));

  const TensorInfo *b = (*file)->lookup("b");
  ASSERT_NE(b, nullptr);
  EXPECT_THAT(b->shape, ElementsAre(1, 3));
  EXPECT_EQ(b->numElements, 3u);
  EXPECT_EQ(b->byteSize(), 6u);

  const TensorInfo *i = (*file)->lookup("i");
  ASSERT_NE(i, nullptr);
  EXPECT_THAT(i->shape, IsEmpty());
  llvm::ArrayRef<char> bytes = (*file)->data(*i);
  ASSERT_EQ(bytes.size(), 4u);
  EXPECT_EQ(llvm::support::endian::read32le(bytes.data()), uint32_t(-7));

  const TensorInfo *e = (*file)->lookup("e");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->numElements, 0u);
  EXPECT_TRUE((*file)->data(*e).empty());
}

TEST_F(SafeTensorsFileTest, ConvertsHalfAndBFloat16) {
  std::string p = write("model.safetensors", goodFile());
  auto file = SafeTensorsFile::open(p);
  ASSERT_TRUE(!!file) << llvm::toString(file.takeError());
  float h[7];
  ASSERT_FALSE(!!(*file)->readAsF32(*(*file)->lookup("h"), h));
  EXPECT_EQ(h[0], 1.0f);
  EXPECT_EQ(h[1], -2.0f);
  EXPECT_EQ(h[2], 65504.0f);
  EXPECT_EQ(h[3], std::ldexp(1.0f, -24)); // smallest subnormal
  EXPECT_EQ(h[4], 0.333251953125f);
  EXPECT_EQ(h[5], std::numeric_limits<float>::infinity());
  EXPECT_EQ(h[6], 0.0f);
  EXPECT_TRUE(std::signbit(h[6]));
  EXPECT_TRUE(std::isnan(halfToFloat(0x7E00)));

  float b[3];
  ASSERT_FALSE(!!(*file)->readAsF32(*(*file)->lookup("b"), b));
  EXPECT_THAT(b, ElementsAre(1.0f, 3.140625f, -123.5f));
}

TEST_F(SafeTensorsFileTest, ReadAsF32RejectsOtherDTypesAndSizes) {
  std::string p = write("model.safetensors", goodFile());
  auto file = SafeTensorsFile::open(p);
  ASSERT_TRUE(!!file) << llvm::toString(file.takeError());
  float out[2];
  std::string msg =
      llvm::toString((*file)->readAsF32(*(*file)->lookup("i"), {out, 1}));
  EXPECT_THAT(msg, AllOf(HasSubstr(p), HasSubstr("tensor 'i'"),
                         HasSubstr("cannot convert I32")));
  msg = llvm::toString((*file)->readAsF32(*(*file)->lookup("a"), {out, 1}));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'a'"), HasSubstr("2 elements")));
  EXPECT_TRUE(llvm::errorToBool(convertToF32(DType::F16, {"\0", 1}, {out, 1})));
}

TEST_F(SafeTensorsFileTest, MissingTensorLookup) {
  std::string p = write("model.safetensors", goodFile());
  auto file = SafeTensorsFile::open(p);
  ASSERT_TRUE(!!file) << llvm::toString(file.takeError());
  EXPECT_EQ((*file)->lookup("nope"), nullptr);
  auto info = (*file)->get("nope");
  EXPECT_THAT(errorText(info), AllOf(HasSubstr(p), HasSubstr("tensor 'nope'"),
                                     HasSubstr("not found")));
}

TEST_F(SafeTensorsFileTest, FromBuffer) {
  auto file = SafeTensorsFile::fromBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(goodFile(), "mem.safetensors"));
  ASSERT_TRUE(!!file) << llvm::toString(file.takeError());
  EXPECT_EQ((*file)->tensors().size(), 5u);
  auto bad = SafeTensorsFile::fromBuffer(
      llvm::MemoryBuffer::getMemBufferCopy("xy", "mem.safetensors"));
  EXPECT_THAT(errorText(bad), HasSubstr("'mem.safetensors'"));
}

TEST_F(SafeTensorsFileTest, MissingFile) {
  std::string p = path("absent.safetensors");
  auto file = SafeTensorsFile::open(p);
  EXPECT_THAT(errorText(file), AllOf(HasSubstr(p), HasSubstr("cannot open")));
}

TEST_F(SafeTensorsFileTest, TooShortForLength) {
  EXPECT_THAT(openError(""), AllOf(HasSubstr("model.safetensors"),
                                   HasSubstr("0 bytes, too short")));
  EXPECT_THAT(openError("abc"), HasSubstr("3 bytes, too short"));
}

TEST_F(SafeTensorsFileTest, HeaderLengthLargerThanFile) {
  std::string msg = openError(makeSafeTensors("{}", "", /*headerLength=*/100));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("header length 100"),
                         HasSubstr("exceeds the 2 bytes")));
}

TEST_F(SafeTensorsFileTest, HeaderLengthHuge) {
  for (uint64_t n : {~uint64_t(0), ~uint64_t(0) - 7, uint64_t(1) << 63}) {
    std::string msg = openError(makeSafeTensors("{}", "", n));
    EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("header length"),
                           HasSubstr("exceeds")));
  }
}

TEST_F(SafeTensorsFileTest, TruncatedJson) {
  std::string msg = openError(makeSafeTensors(R"({"w":{"dtype":"F32")"));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("not valid JSON")));
  EXPECT_THAT(openError(makeSafeTensors("")), HasSubstr("not valid JSON"));
}

TEST_F(SafeTensorsFileTest, DuplicateTensorNames) {
  std::string entry = R"({"dtype":"U8","shape":[1],"data_offsets":[0,1]})";
  std::string msg = openError(
      makeSafeTensors("{\"w\":" + entry + ",\"w\":" + entry + "}", "x"));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'w'"),
                         HasSubstr("appears twice")));
  // Escapes are decoded before comparing; nested keys do not count.
  msg = openError(makeSafeTensors(
      "{\"w\":" + entry + ",\"\\u0077\" : " + entry + "}", "x"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"), HasSubstr("appears twice")));
  std::string nested =
      R"({"__metadata__":{"dtype":"x","k\"":"dtype"},)"
      R"("w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})";
  EXPECT_EQ(openError(makeSafeTensors(nested, "x")), "");
}

TEST_F(SafeTensorsFileTest, NonObjectJson) {
  EXPECT_THAT(openError(makeSafeTensors("[1,2]")),
              AllOf(HasSubstr(file), HasSubstr("not a JSON object")));
  EXPECT_THAT(openError(makeSafeTensors(R"({"w":3})")),
              AllOf(HasSubstr("tensor 'w'"), HasSubstr("not a JSON object")));
}

TEST_F(SafeTensorsFileTest, Metadata) {
  EXPECT_THAT(openError(makeSafeTensors(R"({"__metadata__":{"k":1}})")),
              AllOf(HasSubstr(file), HasSubstr("'__metadata__' entry 'k'")));
  EXPECT_THAT(openError(makeSafeTensors(R"({"__metadata__":[]})")),
              HasSubstr("'__metadata__' is not a JSON object"));
}

TEST_F(SafeTensorsFileTest, UnknownDType) {
  std::string msg = openError(makeSafeTensors(
      oneTensor("F128", "[1]", "[0,16]"), std::string(16, '\0')));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'w'"),
                         HasSubstr("unknown dtype 'F128'")));
}

TEST_F(SafeTensorsFileTest, MissingFields) {
  EXPECT_THAT(openError(makeSafeTensors(
                  R"({"w":{"shape":[1],"data_offsets":[0,1]}})", "x")),
              AllOf(HasSubstr("tensor 'w'"), HasSubstr("'dtype'")));
  EXPECT_THAT(openError(makeSafeTensors(
                  R"({"w":{"dtype":"U8","data_offsets":[0,1]}})", "x")),
              AllOf(HasSubstr("tensor 'w'"), HasSubstr("'shape'")));
  EXPECT_THAT(
      openError(makeSafeTensors(R"({"w":{"dtype":"U8","shape":[1]}})", "x")),
      AllOf(HasSubstr("tensor 'w'"), HasSubstr("'data_offsets'")));
  EXPECT_THAT(openError(makeSafeTensors(oneTensor("U8", "[1]", "[0]"), "x")),
              HasSubstr("'data_offsets' is missing or not a [begin, end]"));
}

TEST_F(SafeTensorsFileTest, NegativeOrNonIntegerShape) {
  for (const char *shape : {"[-1]", "[1.5]", "[\"2\"]", "3"}) {
    std::string msg =
        openError(makeSafeTensors(oneTensor("F32", shape, "[0,4]"), "abcd"));
    EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'w'"),
                           HasSubstr("'shape'")))
        << shape;
  }
}

TEST_F(SafeTensorsFileTest, OverflowingShape) {
  std::string msg = openError(makeSafeTensors(
      oneTensor("U8", "[4294967296,4294967296]", "[0,1]"), "x"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"),
                         HasSubstr("element count overflows")));
  // 2^62 elements fit, but 2^64 bytes of F32 do not.
  msg = openError(
      makeSafeTensors(oneTensor("F32", "[4611686018427387904]", "[0,1]"), "x"));
  EXPECT_THAT(msg,
              AllOf(HasSubstr("tensor 'w'"), HasSubstr("byte size overflows")));
  msg = openError(makeSafeTensors(
      oneTensor("F32", "[18446744073709551615]", "[0,1]"), "x"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"), HasSubstr("'shape'")));
}

TEST_F(SafeTensorsFileTest, OffsetsOutOfBounds) {
  std::string msg =
      openError(makeSafeTensors(oneTensor("F32", "[4]", "[0,16]"), "12345678"));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'w'"),
                         HasSubstr("exceed the 8-byte data section")));
  msg = openError(makeSafeTensors(
      oneTensor("U8", "[1]", "[18446744073709551614,18446744073709551615]"),
      "x"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"), HasSubstr("exceed")));
  msg = openError(makeSafeTensors(oneTensor("U8", "[1]", "[2,1]"), "xy"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"), HasSubstr("end before")));
  msg = openError(makeSafeTensors(oneTensor("U8", "[1]", "[-1,0]"), "xy"));
  EXPECT_THAT(msg, AllOf(HasSubstr("tensor 'w'"),
                         HasSubstr("not non-negative integers")));
}

TEST_F(SafeTensorsFileTest, SizeMismatch) {
  std::string msg =
      openError(makeSafeTensors(oneTensor("F32", "[3]", "[0,8]"), "12345678"));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'w'"),
                         HasSubstr("hold 8 bytes, but 3 elements of F32 "
                                   "need 12")));
}

TEST_F(SafeTensorsFileTest, OverlappingTensors) {
  std::string header =
      R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
      R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})";
  std::string msg = openError(makeSafeTensors(header, std::string(12, '\0')));
  EXPECT_THAT(msg, AllOf(HasSubstr(file), HasSubstr("tensor 'b'"),
                         HasSubstr("overlap tensor 'a'")));
  // Identical ranges overlap too; empty tensors overlap nothing.
  header = R"({"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
           R"("b":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},)"
           R"("z":{"dtype":"U8","shape":[0],"data_offsets":[2,2]}})";
  EXPECT_THAT(openError(makeSafeTensors(header, "abcd")),
              AllOf(HasSubstr("tensor 'b'"), HasSubstr("overlap tensor 'a'")));
}

TEST(DTypeTest, NamesAndSizes) {
  for (auto [name, size] : {std::pair<const char *, unsigned>{"F32", 4},
                            {"F16", 2},
                            {"BF16", 2},
                            {"F64", 8},
                            {"I64", 8},
                            {"I32", 4},
                            {"I16", 2},
                            {"I8", 1},
                            {"U8", 1},
                            {"BOOL", 1}}) {
    std::optional<DType> type = parseDType(name);
    ASSERT_TRUE(type.has_value()) << name;
    EXPECT_EQ(dtypeSize(*type), size) << name;
    EXPECT_EQ(dtypeName(*type), name);
  }
  EXPECT_FALSE(parseDType("f32").has_value());
}

} // namespace
