# SPDX-License-Identifier: Apache-2.0
# lit configuration of mlc's IR, frontend and end-to-end tests.
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "MLC"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".onnxtxt"]
config.excludes = ["Inputs", "lit.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mlc_obj_root, "lit-tests")

llvm_config.use_default_substitutions()
# Sanitizer settings of scripts/sanitize.sh reach the tools under test.
llvm_config.with_system_environment(
    ["ASAN_OPTIONS", "UBSAN_OPTIONS", "MLC_ASAN_RUNTIME"])
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.mlc_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(["mlc-opt", "FileCheck", "not"],
                                   [config.mlc_tools_dir, config.llvm_tools_dir])

# Models exported with Debian's torch are cached outside the source tree.
config.substitutions.append(("%torch_python", "/usr/bin/python3"))
config.substitutions.append(("%model_cache", config.mlc_model_cache))
config.substitutions.append(("%mlc_runtime_lib", config.mlc_runtime_lib))
config.substitutions.append(("%mlc", os.path.join(config.mlc_tools_dir, "mlc")))
# Replace lit's default %python with the venv holding onnx and onnxruntime.
config.substitutions = [s for s in config.substitutions if s[0] != "%python"]
config.substitutions.append(("%python", config.mlc_python))

# The CUDA target compiles PTX with NVRTC and ptxas checks it (no GPU).
if config.mlc_nvrtc and os.path.exists(config.mlc_nvrtc):
    config.available_features.add("nvrtc")
    config.environment["MLC_NVRTC"] = config.mlc_nvrtc
if config.mlc_ptxas and os.path.exists(config.mlc_ptxas):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.mlc_ptxas))
