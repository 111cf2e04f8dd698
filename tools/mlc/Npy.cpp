// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "Npy.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlc_tool;

namespace {
struct DtypeName {
  const char *descr;
  mlc_dtype_t dtype;
};
const DtypeName kDtypes[] = {
    {"<f4", MLC_DTYPE_F32}, {"<f8", MLC_DTYPE_F64}, {"<f2", MLC_DTYPE_F16},
    {"|i1", MLC_DTYPE_I8},  {"<i2", MLC_DTYPE_I16}, {"<i4", MLC_DTYPE_I32},
    {"<i8", MLC_DTYPE_I64}, {"|u1", MLC_DTYPE_U8},  {"|b1", MLC_DTYPE_BOOL}};

// Value of 'key': in the header dict, up to the next top-level ',' or '}'.
llvm::StringRef dictValue(llvm::StringRef header, llvm::StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == llvm::StringRef::npos)
    return {};
  llvm::StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return {};
  rest = rest.ltrim();
  size_t end = rest.starts_with("(") ? rest.find(')') + 1 : rest.find_first_of(",}");
  return rest.take_front(end).trim();
}

bool parseShape(llvm::StringRef text, llvm::SmallVectorImpl<int64_t> &shape) {
  if (!text.consume_front("(") || !text.consume_back(")"))
    return false;
  while (!(text = text.trim()).empty()) {
    auto [dim, rest] = text.split(',');
    int64_t d;
    if (dim.trim().getAsInteger(10, d) || d < 0)
      return false;
    shape.push_back(d);
    text = rest;
  }
  return true;
}
} // namespace

bool mlc_tool::readNpy(llvm::StringRef path, NpyArray &out,
                       std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return error = path.str() + ": " + buffer.getError().message(), false;
  llvm::StringRef bytes = (*buffer)->getBuffer();
  auto bad = [&](const char *what) {
    error = path.str() + ": not a valid .npy file (" + what + ")";
    return false;
  };
  if (bytes.size() < 10 || !bytes.starts_with("\x93NUMPY"))
    return bad("missing magic");
  uint8_t major = bytes[6];
  if (major < 1 || major > 3)
    return bad("unsupported format version");
  size_t lenBytes = major == 1 ? 2 : 4, headerLen = 0;
  if (bytes.size() < 8 + lenBytes)
    return bad("truncated header");
  for (size_t i = 0; i < lenBytes; ++i)
    headerLen |= size_t(uint8_t(bytes[8 + i])) << (8 * i);
  size_t dataStart = 8 + lenBytes + headerLen;
  if (dataStart > bytes.size())
    return bad("truncated header");
  llvm::StringRef header = bytes.slice(8 + lenBytes, dataStart);
  llvm::StringRef descr = dictValue(header, "descr").trim("'\"");
  out.dtype = MLC_DTYPE_INVALID;
  for (const DtypeName &d : kDtypes)
    if (descr == d.descr || (descr.size() == 3 && descr[0] == '=' &&
                             descr.drop_front() == llvm::StringRef(d.descr).drop_front()))
      out.dtype = d.dtype;
  if (out.dtype == MLC_DTYPE_INVALID)
    return bad("unsupported dtype; use little-endian numeric or bool arrays");
  if (dictValue(header, "fortran_order") != "False")
    return bad("Fortran order is not supported");
  if (!parseShape(dictValue(header, "shape"), out.shape))
    return bad("malformed shape");
  uint64_t count = 1;
  for (int64_t d : out.shape)
    if (__builtin_mul_overflow(count, uint64_t(d), &count))
      return bad("shape overflows");
  uint64_t size = 0;
  if (__builtin_mul_overflow(count, mlc_dtype_size(out.dtype), &size) ||
      bytes.size() - dataStart != size)
    return bad("data size does not match the shape");
  out.data.assign(bytes.begin() + dataStart, bytes.end());
  return true;
}

bool mlc_tool::writeNpy(llvm::StringRef path, mlc_dtype_t dtype,
                        llvm::ArrayRef<int64_t> shape, const void *data,
                        size_t size, std::string &error) {
  const char *descr = nullptr;
  for (const DtypeName &d : kDtypes)
    if (d.dtype == dtype)
      descr = d.descr;
  if (!descr)
    return error = path.str() + ": cannot store this dtype as .npy", false;
  std::string header = std::string("{'descr': '") + descr +
                       "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i)
    header += (i ? ", " : "") + std::to_string(shape[i]);
  header += shape.size() == 1 ? ",), }" : "), }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return error = path.str() + ": " + ec.message(), false;
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  os.write(static_cast<const char *>(data), size);
  os.close();
  if (os.has_error()) {
    error = path.str() + ": " + os.error().message();
    os.clear_error();
    return false;
  }
  return true;
}
