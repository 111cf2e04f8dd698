// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Read-only queries on a loaded module.

#include "base/internal.h"
#include "module/module_internal.h"

MLC_API_EXPORT size_t mlc_module_input_count(const mlc_module_t* module) {
  return module ? module->artifact.num_inputs : 0;
}

MLC_API_EXPORT size_t mlc_module_output_count(const mlc_module_t* module) {
  return module ? module->artifact.num_outputs : 0;
}

static mlc_status_t mlc_tensor_info(const mlc_artifact_tensor_t* tensors,
                                    size_t count, const char* kind,
                                    size_t index, mlc_tensor_info_t* out_info) {
  if (out_info == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "out_info is NULL");
  }
  if (index >= count) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "%s index %zu is out of range; the module has %zu",
                           kind, index, count);
  }
  *out_info = tensors[index].info;
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_module_input_info(const mlc_module_t* module,
                                                  size_t index,
                                                  mlc_tensor_info_t* out_info) {
  if (module == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "module is NULL");
  }
  return mlc_tensor_info(module->artifact.inputs, module->artifact.num_inputs,
                         "input", index, out_info);
}

MLC_API_EXPORT mlc_status_t mlc_module_output_info(
    const mlc_module_t* module, size_t index, mlc_tensor_info_t* out_info) {
  if (module == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "module is NULL");
  }
  return mlc_tensor_info(module->artifact.outputs,
                         module->artifact.num_outputs, "output", index,
                         out_info);
}

MLC_API_EXPORT uint64_t mlc_module_weights_size(const mlc_module_t* module) {
  return module ? module->artifact.header.weights_size : 0;
}

MLC_API_EXPORT uint64_t mlc_module_code_size(const mlc_module_t* module) {
  return module ? module->artifact.header.code_size : 0;
}
