// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "mlc/Frontends/PathConfinement.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

Expected<std::string> mlir::mlc::resolveInsideDirectory(StringRef dir,
                                                        StringRef relative,
                                                        const Twine &what) {
  if (relative.empty() || sys::path::is_absolute(relative) ||
      sys::path::has_root_name(relative))
    return createStringError(what + " must be a relative path");
  for (StringRef part :
       make_range(sys::path::begin(relative), sys::path::end(relative)))
    if (part == "..")
      return createStringError(what + " leaves the model directory");
  SmallString<256> base(dir.empty() ? "." : dir), joined(base), real, realDir;
  sys::path::append(joined, relative);
  if (std::error_code ec = sys::fs::real_path(base, realDir))
    return createStringError("cannot resolve the model directory '" + base +
                             "': " + ec.message());
  if (std::error_code ec = sys::fs::real_path(joined, real))
    return createStringError("cannot open " + what + " ('" + joined +
                             "'): " + ec.message());
  if (!StringRef(real).starts_with((realDir + "/").str()))
    return createStringError(what + " resolves outside the model directory");
  return std::string(real);
}
