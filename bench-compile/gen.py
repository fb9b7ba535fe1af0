#!/usr/bin/env python3
"""Writes one synthetic API of N endpoints twice: as a weibo spec (weibo.yaml, for
`weibo_api::generate!`) and as an OpenAPI 3.0 document (openapi.json, for
`progenitor::generate_api!` with the builder interface).

The two describe the same API, restricted to what both generators take: the same four models
(User, Status, Geo, Result; nested models, lists, dates, optional fields), and per endpoint one
method (GET for one in four, POST otherwise), an int64 path `id` for one in three, four query
parameters (`ids` as comma-joined text, `count`, `page`, `trim_user`) and a response of a
model, a list of statuses, or a result. JSON only (progenitor has no XML); no per-endpoint
example in either (the weibo macro would check it, progenitor ignores it).

    python3 gen.py N OUT_DIR
"""
import json
import sys

MODELS = {
    "User": [
        ("id", "int64", True), ("screen_name", "string", False), ("name", "string", False),
        ("location", "string", False), ("description", "string", False), ("url", "string", False),
        ("created_at", "datetime", False), ("followers_count", "int64", False),
        ("friends_count", "int64", False), ("statuses_count", "int64", False),
        ("verified", "bool", False), ("status", "Status", False),
    ],
    "Geo": [("type", "string", False), ("coordinates", "list<float>", False)],
    "Status": [
        ("id", "int64", True), ("mid", "int64", False), ("created_at", "datetime", False),
        ("text", "string", False), ("favorited", "bool", False), ("truncated", "bool", False),
        ("thumbnail_pic", "string", False), ("geo", "Geo", False), ("user", "User", False),
        ("reposts_count", "int64", False), ("comments_count", "int64", False),
        ("retweeted_status", "Status", False),
    ],
    "Result": [("result", "bool", True)],
}


def endpoint(i):
    by_id = i % 3 == 0
    name = f"group{i % 10}/action{i}"
    path = name + ("/:id" if by_id else "")
    method = "GET" if i % 4 == 0 else "POST"
    response = ["Status", "list<Status>", "Result"][i % 3]
    return name, path, by_id, method, response


def weibo(n):
    out = ["versions:", "  v2:", "    base_url: https://api.example.com/2", "    auth: [oauth2]",
           "    description: The synthetic API.", "models:"]
    for model, fields in MODELS.items():
        out += [f"  {model}:", f"    description: The {model} model.", "    fields:"]
        for field, ty, required in fields:
            req = ", required: true" if required else ""
            out.append(f"      {field}: {{ type: \"{ty}\"{req}, description: The {field}. }}")
    out.append("endpoints:")
    for i in range(n):
        name, path, by_id, method, response = endpoint(i)
        out += [f"  - name: {name}", "    version: v2", f"    path: {path}", "    formats: [json]",
                f"    methods: [{method}]", "    login_required: true",
                f"    description: Endpoint number {i}, generated for the comparison.", "    params:"]
        if by_id:
            out.append("      - { name: id, in: path, type: int64, required: true, description: The ID. }")
        out += ["      - { name: ids, type: string, required: true, description: Comma-joined IDs. }",
                "      - { name: count, type: int, description: Page size. }",
                "      - { name: page, type: int, description: Page number. }",
                "      - { name: trim_user, type: bool, description: Leave out the user. }",
                f"    response: \"{response}\""]
    return "\n".join(out) + "\n"


def schema(ty):
    if ty.startswith("list<"):
        return {"type": "array", "items": schema(ty[5:-1])}
    return {
        "int64": {"type": "integer", "format": "int64"},
        "int": {"type": "integer", "format": "int32"},
        "string": {"type": "string"},
        "bool": {"type": "boolean"},
        "float": {"type": "number", "format": "double"},
        "datetime": {"type": "string", "format": "date-time"},
    }.get(ty) or {"$ref": f"#/components/schemas/{ty}"}


def openapi(n):
    schemas = {}
    for model, fields in MODELS.items():
        props = {}
        for field, ty, _ in fields:
            props[field] = dict(schema(ty), description=f"The {field}.")
        schemas[model] = {
            "description": f"The {model} model.",
            "type": "object",
            "properties": props,
            "required": [f for f, _, r in fields if r],
        }
    paths = {}
    for i in range(n):
        name, path, by_id, method, response = endpoint(i)
        params = []
        if by_id:
            params.append({"name": "id", "in": "path", "required": True,
                           "description": "The ID.", "schema": schema("int64")})
        params += [
            {"name": "ids", "in": "query", "required": True, "description": "Comma-joined IDs.",
             "schema": schema("string")},
            {"name": "count", "in": "query", "required": False, "description": "Page size.",
             "schema": schema("int")},
            {"name": "page", "in": "query", "required": False, "description": "Page number.",
             "schema": schema("int")},
            {"name": "trim_user", "in": "query", "required": False,
             "description": "Leave out the user.", "schema": schema("bool")},
        ]
        url = "/" + "/".join("{id}" if s == ":id" else s for s in path.split("/")) + ".json"
        paths[url] = {method.lower(): {
            "operationId": name.replace("/", "_"),
            "description": f"Endpoint number {i}, generated for the comparison.",
            "parameters": params,
            "responses": {"200": {"description": "The result.", "content": {
                "application/json": {"schema": schema(response)}}}},
        }}
    return {
        "openapi": "3.0.3",
        "info": {"title": "The synthetic API", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com/2"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    with open(f"{out}/weibo.yaml", "w") as f:
        f.write(weibo(n))
    with open(f"{out}/openapi.json", "w") as f:
        json.dump(openapi(n), f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
