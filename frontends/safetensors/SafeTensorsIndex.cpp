// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Sharded checkpoints: `model.safetensors.index.json` maps each tensor name to
// the shard file holding it. Shard names come from the (untrusted) index, so
// each must resolve, after symlinks, to a file inside the model directory.

#include "mlc/Frontends/SafeTensors/SafeTensorsFile.h"
#include "mlc/Frontends/PathConfinement.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace mlc::safetensors {

namespace {

Error indexError(StringRef path, const Twine &message) {
  return createStringError("'" + path + "': " + message.str());
}

} // namespace

Expected<size_t> SafeTensorsIndex::openShard(StringRef shard, StringRef dir) {
  Expected<std::string> real =
      mlir::mlc::resolveInsideDirectory(dir, shard, "shard '" + shard + "'");
  if (!real)
    return real.takeError();
  auto it = shardByRealPath.find(*real);
  if (it != shardByRealPath.end())
    return it->second;
  SmallString<256> joined(dir);
  sys::path::append(joined, shard);
  Expected<std::unique_ptr<SafeTensorsFile>> file =
      SafeTensorsFile::open(joined);
  if (!file)
    return file.takeError();
  shardFiles.push_back(std::move(*file));
  shardByRealPath[*real] = shardFiles.size() - 1;
  return shardFiles.size() - 1;
}

Error SafeTensorsIndex::addShardTensor(StringRef tensor, StringRef shard,
                                       StringRef dir) {
  Expected<size_t> index = openShard(shard, dir);
  if (!index)
    return indexError(indexPath, "tensor '" + tensor +
                                     "': " + toString(index.takeError()));
  const SafeTensorsFile *file = shardFiles[*index].get();
  const TensorInfo *info = file->lookup(tensor);
  if (!info)
    return indexError(indexPath, "tensor '" + tensor +
                                     "': not found in shard '" + file->path() +
                                     "'");
  tensorMap[tensor] = TensorRef{file, info};
  return Error::success();
}

Expected<std::unique_ptr<SafeTensorsIndex>>
SafeTensorsIndex::openIndex(StringRef path) {
  std::unique_ptr<SafeTensorsIndex> index(new SafeTensorsIndex());
  index->indexPath = path.str();
  ErrorOr<std::unique_ptr<MemoryBuffer>> text = MemoryBuffer::getFile(path);
  if (!text)
    return indexError(path, "cannot read: " + text.getError().message());
  Expected<json::Value> root = json::parse((*text)->getBuffer());
  if (!root)
    return indexError(path, "not valid JSON: " + toString(root.takeError()));
  const json::Object *object = root->getAsObject();
  const json::Object *weightMap =
      object ? object->getObject("weight_map") : nullptr;
  if (!weightMap)
    return indexError(path, "'weight_map' is missing or not a JSON object");
  if (weightMap->empty())
    return indexError(path, "'weight_map' is empty");
  SmallString<256> dir(sys::path::parent_path(path));
  if (dir.empty())
    dir = ".";
  // Sort so that shards open, and errors arise, in a deterministic order.
  std::vector<std::pair<StringRef, const json::Value *>> entries;
  for (const auto &[name, shard] : *weightMap)
    entries.emplace_back(name, &shard);
  llvm::sort(entries, llvm::less_first());
  for (const auto &[name, shard] : entries) {
    std::optional<StringRef> shardName = shard->getAsString();
    if (!shardName)
      return indexError(path,
                        "'weight_map' entry '" + name + "' is not a string");
    if (Error err = index->addShardTensor(name, *shardName, dir))
      return std::move(err);
  }
  return std::move(index);
}

Expected<std::unique_ptr<SafeTensorsIndex>>
SafeTensorsIndex::openModelDirectory(StringRef dir) {
  SmallString<256> indexFile(dir), single(dir);
  sys::path::append(indexFile, "model.safetensors.index.json");
  if (sys::fs::exists(indexFile))
    return openIndex(indexFile);
  sys::path::append(single, "model.safetensors");
  Expected<std::unique_ptr<SafeTensorsFile>> file =
      SafeTensorsFile::open(single);
  if (!file)
    return file.takeError();
  std::unique_ptr<SafeTensorsIndex> index(new SafeTensorsIndex());
  index->indexPath = std::string(single);
  for (const TensorInfo &info : (*file)->tensors())
    index->tensorMap[info.name] = TensorRef{file->get(), &info};
  index->shardFiles.push_back(std::move(*file));
  return std::move(index);
}

TensorRef SafeTensorsIndex::lookup(StringRef name) const {
  auto it = tensorMap.find(name);
  return it == tensorMap.end() ? TensorRef() : it->second;
}

Expected<TensorRef> SafeTensorsIndex::get(StringRef name) const {
  TensorRef ref = lookup(name);
  if (!ref.file)
    return indexError(indexPath, "tensor '" + name + "': not found");
  return ref;
}

std::vector<StringRef> SafeTensorsIndex::names() const {
  std::vector<StringRef> result;
  result.reserve(tensorMap.size());
  for (const auto &entry : tensorMap)
    result.push_back(entry.getKey());
  llvm::sort(result);
  return result;
}

} // namespace mlc::safetensors
