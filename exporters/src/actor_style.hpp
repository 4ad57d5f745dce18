#pragma once
// How actor types and edge kinds look, shared by the diagram and the exports that carry colours
// (GraphML for Gephi), so every view of the graph uses one palette.
#include "factgraph/core/graph.hpp"

namespace factgraph::exporters::detail {

struct TypeStyle {
    const char* shape;  ///< Graphviz node shape
    const char* fill;   ///< #RRGGBB
    const char* font;   ///< label colour that stays readable on `fill`
    const char* label;  ///< legend text
};

// Tableau 10 colours: distinguishable for most colour-blind readers and in greyscale print.
inline TypeStyle style_of(ActorType t) {
    switch (t) {
        case ActorType::Person: return {"ellipse", "#4E79A7", "white", "person"};
        case ActorType::Organization: return {"box", "#F28E2B", "black", "organization"};
        case ActorType::Location: return {"house", "#59A14F", "white", "location"};
        case ActorType::Product: return {"hexagon", "#B07AA1", "white", "product"};
        case ActorType::Group: return {"octagon", "#EDC948", "black", "group"};
        case ActorType::Other: return {"ellipse", "#BAB0AC", "black", "other"};
    }
    return {"ellipse", "#BAB0AC", "black", "other"};
}

inline const char* edge_colour(const GraphEdge& e) {
    if (e.kind == GraphEdge::Kind::Relation) return "#2C3E50";
    switch (e.stance) {
        case Stance::Deny: return "#C0392B";
        case Stance::Decline: return "#E67E22";
        default: return "#7F8C8D";
    }
}

inline const char* kind_name(GraphEdge::Kind kind) {
    return kind == GraphEdge::Kind::Claim ? "claim" : "relation";
}

struct Rgb {
    int r = 0, g = 0, b = 0;
};

// Parses "#RRGGBB" (the palette above only holds that form).
inline Rgb rgb_of(const char* hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    auto byte = [&](int i) { return nibble(hex[i]) * 16 + nibble(hex[i + 1]); };
    return {byte(1), byte(3), byte(5)};
}

}  // namespace factgraph::exporters::detail
