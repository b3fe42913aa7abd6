using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class CrdSchemaCheckerTests
{
    private const string _v1Path = "spec.versions[0].schema.openAPIV3Schema";

    private static string[] Check(string schemaJson, string path = _v1Path) =>
        CrdSchemaChecker.Check((JsonObject)Node(schemaJson), path).Select(e => e.ToString()).ToArray();

    [Fact]
    public void The_widget_schema_is_structural_and_valid()
    {
        Assert.Empty(Check(WidgetJson));
        Assert.True(CrdSchemaChecker.IsStructural(Widget));
    }

    [Fact]
    public void Fields_without_type_are_reported_at_each_level()
    {
        Assert.Equal(
            [
                "spec.validation.openAPIV3Schema.properties[spec].properties[foo].type: Required value: must not be empty for specified object fields",
                "spec.validation.openAPIV3Schema.properties[spec].properties[list].items.type: Required value: must not be empty for specified array items",
                "spec.validation.openAPIV3Schema.type: Required value: must not be empty at the root",
            ],
            Check("""{"properties": {"spec": {"type": "object", "properties": {"foo": {}, "list": {"type": "array", "items": {"description": "d"}}, "ok": {"x-kubernetes-int-or-string": true}, "free": {"x-kubernetes-preserve-unknown-fields": true}}}}}""",
                "spec.validation.openAPIV3Schema"));
    }

    [Fact]
    public void Arrays_need_items_and_the_root_must_be_an_object_without_additionalProperties()
    {
        Assert.Equal(
            [
                _v1Path + ".additionalProperties: Forbidden: must not be used at the root",
                _v1Path + ".items: Required value: must be specified",
                _v1Path + ".properties[a].items: Required value: must be specified",
                _v1Path + ".type: Invalid value: \"array\": must be object at the root",
                _v1Path + ".additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive",
            ],
            Check("""{"type": "array", "additionalProperties": {"type": "string"}, "properties": {"a": {"type": "array"}}}"""));
    }

    [Fact]
    public void Value_validations_under_junctors_must_not_carry_structure()
    {
        Assert.Equal(
            [
                _v1Path + ".properties[spec].anyOf[0].description: Forbidden: must be empty to be structural",
                _v1Path + ".properties[spec].anyOf[0].type: Forbidden: must be empty to be structural",
                _v1Path + ".properties[spec].anyOf[1].properties[metadata]: Forbidden: must not be specified in a nested context",
                _v1Path + ".properties[spec].properties[metadata]: Required value: because it is defined in " + _v1Path + ".properties[spec].anyOf[1].properties[metadata]",
                _v1Path + ".properties[spec].properties[other]: Required value: because it is defined in " + _v1Path + ".properties[spec].anyOf[0].properties[other]",
            ],
            Check("""
                {"type": "object", "properties": {"spec": {"type": "object", "properties": {"a": {"type": "string"}},
                  "anyOf": [{"type": "object", "description": "d", "properties": {"other": {"minLength": 1}}}, {"properties": {"metadata": {}}}]}}}
                """));
    }

    [Fact]
    public void Int_or_string_junctor_shapes_are_allowed()
    {
        Assert.Empty(Check("""
            {"type": "object", "properties": {
              "a": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]},
              "b": {"x-kubernetes-int-or-string": true, "allOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"pattern": "^[0-9]+%?$"}]}}}
            """));
    }

    [Fact]
    public void Root_metadata_may_only_restrict_name_and_generateName()
    {
        Assert.Empty(Check("""{"type": "object", "properties": {"metadata": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 20}}}}}"""));
        Assert.Equal(
            [_v1Path + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"],
            Check("""{"type": "object", "properties": {"metadata": {"type": "object", "properties": {"labels": {"type": "object"}}}}}"""));
    }

    [Fact]
    public void Unsupported_keywords_and_uniqueItems_are_forbidden()
    {
        Assert.Equal(
            [
                _v1Path + ".properties[a].$ref: Forbidden: $ref is not supported",
                _v1Path + ".properties[a].definitions: Forbidden: definitions is not supported",
                _v1Path + ".properties[a].dependencies: Forbidden: dependencies is not supported",
                _v1Path + ".properties[a].deprecated: Forbidden: deprecated is not supported",
                _v1Path + ".properties[a].discriminator: Forbidden: discriminator is not supported",
                _v1Path + ".properties[a].id: Forbidden: id is not supported",
                _v1Path + ".properties[a].patternProperties: Forbidden: patternProperties is not supported",
                _v1Path + ".properties[a].readOnly: Forbidden: readOnly is not supported",
                _v1Path + ".properties[a].writeOnly: Forbidden: writeOnly is not supported",
                _v1Path + ".properties[a].xml: Forbidden: xml is not supported",
                _v1Path + ".properties[b].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
            ],
            Check("""
                {"type": "object", "properties": {
                  "a": {"type": "object", "$ref": "#/x", "definitions": {}, "dependencies": {}, "deprecated": true, "discriminator": {},
                        "id": "i", "patternProperties": {}, "readOnly": true, "writeOnly": true, "xml": {}},
                  "b": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}}
                """));
    }

    [Fact]
    public void AdditionalProperties_cannot_sit_next_to_properties()
    {
        Assert.Equal(
            [_v1Path + ".properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"],
            Check("""{"type": "object", "properties": {"spec": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}}}"""));
    }

    [Fact]
    public void Defaults_must_be_pruned_and_valid()
    {
        Assert.Equal(
            [
                _v1Path + ".properties[spec].default: Invalid value: {\"bogus\":1,\"color\":\"red\"}: must not have unknown fields",
                _v1Path + ".properties[spec].properties[color].default: Unsupported value: \"purple\": supported values: \"red\", \"green\"",
                _v1Path + ".properties[spec].properties[size].default.size: Invalid value: 42: size in body should be less than or equal to 10",
            ],
            Check("""
                {"type": "object", "properties": {"spec": {"type": "object", "default": {"color": "red", "bogus": 1}, "properties": {
                  "color": {"type": "string", "enum": ["red", "green"], "default": "purple"},
                  "size": {"type": "object", "properties": {"size": {"type": "integer", "maximum": 10}}, "default": {"size": 42}}}}}}
                """));
    }

    [Fact]
    public void Defaults_are_forbidden_in_top_level_metadata()
    {
        Assert.Contains(
            _v1Path + ".properties[metadata].default: Forbidden: must not be set in top-level metadata",
            Check("""{"type": "object", "properties": {"metadata": {"type": "object", "default": {"name": "x"}}}}"""));
    }

    [Fact]
    public void List_type_extensions_are_checked()
    {
        Assert.Equal(
            [
                _v1Path + ".properties[a].type: Invalid value: \"string\": must be array if x-kubernetes-list-type is specified",
                _v1Path + ".properties[b].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
                _v1Path + ".properties[c].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
                _v1Path + ".properties[d].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\"",
            ],
            Check("""
                {"type": "object", "properties": {
                  "a": {"type": "string", "x-kubernetes-list-type": "set"},
                  "b": {"type": "array", "x-kubernetes-list-type": "map", "items": {"type": "object"}},
                  "c": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
                  "d": {"type": "array", "x-kubernetes-list-type": "bag", "items": {"type": "string"}}}}
                """));
    }

    [Fact]
    public void Embedded_resources_must_be_objects_with_content()
    {
        Assert.Equal(
            [
                _v1Path + ".properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
                _v1Path + ".properties[t].type: Required value: must be object if x-kubernetes-embedded-resource is true",
            ],
            Check("""{"type": "object", "properties": {"t": {"x-kubernetes-embedded-resource": true}}}"""));
    }

    [Fact]
    public void Invalid_patterns_and_validation_rules_are_reported()
    {
        var errors = Check("""
            {"type": "object", "properties": {"a": {"type": "string", "pattern": "(unclosed"}},
             "x-kubernetes-validations": [{"rule": " "}, {"rule": "self.a == 'x'", "message": "line\nbreak"}]}
            """);

        Assert.Contains(errors, e => e.StartsWith(_v1Path + ".properties[a].pattern: Invalid value: \"(unclosed\": must be a valid regular expression, but isn't: ", StringComparison.Ordinal));
        Assert.Contains(_v1Path + ".x-kubernetes-validations[0].rule: Required value: rule is not specified", errors);
        Assert.Contains(_v1Path + ".x-kubernetes-validations[1].message: Invalid value: \"line\\nbreak\": message must not contain line breaks", errors);
    }
}
