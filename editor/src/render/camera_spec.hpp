#pragma once
// Camera positions written on one line, for `shuxiang-editor PLAN --photo OUT.png --camera SPEC`:
//   orbit:YAW,PITCH,DISTANCE[,X,Y,Z]  the 3D view: eye seen from the target at azimuth YAW and
//                                      elevation PITCH (degrees), DISTANCE metres away; the target
//                                      (default: the framed plan's centre) at X, Y, Z
//   walk:X,Y,HEADING[,PITCH]          the walk view: a pupil's eyes (1.2 m) at X, Y looking along
//                                      HEADING (degrees counter-clockwise from +X), PITCH up or down
//   top:X,Y,HALF                      the top view centred on X, Y, HALF metres from centre to top edge
#include <optional>
#include <string>

#include "render/camera.hpp"

namespace shuxiang::editor {

// Applies `spec` to `cam` (which holds the framed view for what the spec leaves out). Returns false,
// leaving `cam` as it was, when the spec does not parse.
bool apply_camera_spec(const std::string& spec, Camera& cam);

}  // namespace shuxiang::editor
