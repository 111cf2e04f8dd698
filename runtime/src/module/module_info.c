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

// The symbol of dim |dim| of input/output |index| into |out_symbol|; false
// for a static dim, a NULL module and out-of-range arguments.
static bool mlc_dim_symbol(const mlc_module_t* module, int is_output,
                           size_t index, uint32_t dim, uint32_t* out_symbol) {
  if (module == NULL) return false;
  const mlc_artifact_t* artifact = &module->artifact;
  size_t count = is_output ? artifact->num_outputs : artifact->num_inputs;
  if (index >= count) return false;
  const mlc_artifact_tensor_t* tensor =
      is_output ? &artifact->outputs[index] : &artifact->inputs[index];
  if (dim >= tensor->info.rank || tensor->encoded_dims[dim] >= 0) return false;
  *out_symbol = MLC_ARTIFACT_DIM_SYMBOL(tensor->encoded_dims[dim]);
  return true;
}

MLC_API_EXPORT const char* mlc_module_dim_name(const mlc_module_t* module,
                                               int is_output, size_t index,
                                               uint32_t dim) {
  uint32_t symbol = 0;
  if (!mlc_dim_symbol(module, is_output, index, dim, &symbol)) return NULL;
  return module->artifact.symbol_names[symbol];
}

MLC_API_EXPORT int64_t mlc_module_dim_max(const mlc_module_t* module,
                                          int is_output, size_t index,
                                          uint32_t dim) {
  uint32_t symbol = 0;
  if (!mlc_dim_symbol(module, is_output, index, dim, &symbol)) return 0;
  return module->artifact.symbol_max[symbol];
}

MLC_API_EXPORT mlc_target_t mlc_module_target(const mlc_module_t* module) {
  return module ? (mlc_target_t)module->artifact.header.target
                : (mlc_target_t)0;
}

MLC_API_EXPORT uint64_t mlc_module_weights_size(const mlc_module_t* module) {
  return module ? module->artifact.header.weights_size : 0;
}

MLC_API_EXPORT uint64_t mlc_module_code_size(const mlc_module_t* module) {
  return module ? module->artifact.header.code_size : 0;
}
