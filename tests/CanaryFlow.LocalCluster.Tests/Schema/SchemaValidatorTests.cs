using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Validation;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class SchemaValidatorTests
{
    private static string[] Messages(string schemaJson, string valueJson, string rootPath = "") =>
        SchemaValidator.Validate(Node(valueJson), ParseSchema(schemaJson), rootPath).Select(e => e.ToString()).ToArray();

    private static string SpecWith(string property) =>
        """{"type": "object", "properties": {"spec": {"type": "object", "properties": {"x": """ + property + "}}}}";

    [Theory]
    [InlineData("""{"type": "integer"}""", "\"abc\"", "spec.x: Invalid value: \"string\": spec.x in body must be of type integer: \"string\"")]
    [InlineData("""{"type": "integer"}""", "3.5", "spec.x: Invalid value: \"number\": spec.x in body must be of type integer: \"number\"")]
    [InlineData("""{"type": "string"}""", "true", "spec.x: Invalid value: \"boolean\": spec.x in body must be of type string: \"boolean\"")]
    [InlineData("""{"type": "object"}""", "[1]", "spec.x: Invalid value: \"array\": spec.x in body must be of type object: \"array\"")]
    [InlineData("""{"type": "array", "items": {"type": "string"}}""", "{}", "spec.x: Invalid value: \"object\": spec.x in body must be of type array: \"object\"")]
    [InlineData("""{"type": "boolean"}""", "null", "spec.x: Invalid value: \"null\": spec.x in body must be of type boolean: \"null\"")]
    [InlineData("""{"x-kubernetes-int-or-string": true}""", "true", "spec.x: Invalid value: \"boolean\": spec.x in body must be of type integer,string: \"boolean\"")]
    public void Type_mismatches_name_the_json_type(string property, string value, string expected)
    {
        var errors = SchemaValidator.Validate(Node($$$"""{"spec": {"x": {{{value}}}}}"""), ParseSchema(SpecWith(property)));

        var error = Assert.Single(errors);
        Assert.Equal(expected, error.ToString());
        Assert.Equal("FieldValueTypeInvalid", error.Reason);
    }

    [Theory]
    [InlineData("""{"type": "integer"}""", "3")]
    [InlineData("""{"type": "integer"}""", "3.0")]
    [InlineData("""{"type": "number"}""", "3")]
    [InlineData("""{"type": "number"}""", "2.5")]
    [InlineData("""{"type": "string", "nullable": true}""", "null")]
    [InlineData("""{"x-kubernetes-int-or-string": true}""", "8080")]
    [InlineData("""{"x-kubernetes-int-or-string": true}""", "\"50%\"")]
    [InlineData("""{"x-kubernetes-preserve-unknown-fields": true}""", "{\"any\": [1, {\"b\": null}]}")]
    [InlineData("""{"type": "integer", "format": "int32"}""", "99999999999")]
    [InlineData("""{"type": "string", "format": "no-such-format"}""", "\"anything\"")]
    public void Values_of_the_right_type_pass(string property, string value)
    {
        Assert.Empty(SchemaValidator.Validate(Node($$$"""{"spec": {"x": {{{value}}}}}"""), ParseSchema(SpecWith(property))));
    }

    [Theory]
    [InlineData("""{"type": "integer", "minimum": 5}""", "4", "spec.x: Invalid value: 4: spec.x in body should be greater than or equal to 5")]
    [InlineData("""{"type": "integer", "minimum": 5, "exclusiveMinimum": true}""", "5", "spec.x: Invalid value: 5: spec.x in body should be greater than 5")]
    [InlineData("""{"type": "integer", "maximum": 10, "exclusiveMaximum": true}""", "10", "spec.x: Invalid value: 10: spec.x in body should be less than 10")]
    [InlineData("""{"type": "number", "maximum": 1.5}""", "1.75", "spec.x: Invalid value: 1.75: spec.x in body should be less than or equal to 1.5")]
    [InlineData("""{"type": "number", "minimum": 1000000}""", "0.5", "spec.x: Invalid value: 0.5: spec.x in body should be greater than or equal to 1e+06")]
    [InlineData("""{"type": "integer", "maximum": 10.5}""", "11", "spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10")]
    [InlineData("""{"type": "integer", "multipleOf": 5}""", "12", "spec.x: Invalid value: 12: spec.x in body should be a multiple of 5")]
    [InlineData("""{"type": "number", "multipleOf": 0.5}""", "1.25", "spec.x: Invalid value: 1.25: spec.x in body should be a multiple of 0.5")]
    [InlineData("""{"type": "string", "minLength": 3}""", "\"ab\"", "spec.x: Invalid value: \"ab\": spec.x in body should be at least 3 chars long")]
    [InlineData("""{"type": "string", "maxLength": 3}""", "\"abcd\"", "spec.x: Too long: may not be longer than 3")]
    [InlineData("""{"type": "string", "pattern": "^a+$"}""", "\"ab\"", "spec.x: Invalid value: \"ab\": spec.x in body should match '^a+$'")]
    [InlineData("""{"type": "string", "enum": ["a", "b"]}""", "\"c\"", "spec.x: Unsupported value: \"c\": supported values: \"a\", \"b\"")]
    [InlineData("""{"type": "integer", "enum": [1, 2]}""", "3", "spec.x: Unsupported value: 3: supported values: \"1\", \"2\"")]
    [InlineData("""{"type": "array", "items": {"type": "string"}, "maxItems": 3}""", "[\"a\",\"b\",\"c\",\"d\"]", "spec.x: Too many: 4: must have at most 3 items")]
    [InlineData("""{"type": "array", "items": {"type": "string"}, "minItems": 2}""", "[\"a\"]", "spec.x: Invalid value: 1: spec.x in body should have at least 2 items")]
    [InlineData("""{"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 1}""", "{\"a\":\"1\",\"b\":\"2\"}", "spec.x: Too many: 2: must have at most 1 item")]
    [InlineData("""{"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 2}""", "{\"a\":\"1\"}", "spec.x: Invalid value: 1: spec.x in body should have at least 2 properties")]
    [InlineData("""{"type": "array", "items": {"type": "integer"}, "uniqueItems": true}""", "[1,2,1]", "spec.x: Invalid value: \"\": spec.x in body shouldn't contain duplicates")]
    public void Value_validations_report_kube_openapi_messages(string property, string value, string expected)
    {
        Assert.Equal([expected], Messages(SpecWith(property), $$$"""{"spec": {"x": {{{value}}}}}"""));
    }

    [Fact]
    public void MaxLength_counts_code_points_not_utf16_units()
    {
        Assert.Empty(Messages(SpecWith("""{"type": "string", "maxLength": 2}"""), "{\"spec\": {\"x\": \"\ud83d\ude00\u00e9\"}}"));
    }

    [Fact]
    public void Pattern_uses_go_semantics_for_dollar_and_digit_classes()
    {
        var schema = SpecWith("""{"type": "string", "pattern": "^\\d+$"}""");

        Assert.Empty(Messages(schema, """{"spec": {"x": "123"}}"""));
        Assert.Single(Messages(schema, """{"spec": {"x": "123\n"}}"""));
        Assert.Single(Messages(schema, "{\"spec\": {\"x\": \"\u0663\"}}"));
    }

    [Fact]
    public void Only_the_first_string_length_or_pattern_failure_is_reported()
    {
        var schema = SpecWith("""{"type": "string", "maxLength": 2, "pattern": "^[0-9]+$"}""");

        Assert.Equal(["spec.x: Too long: may not be longer than 2"], Messages(schema, """{"spec": {"x": "abc"}}"""));
    }

    [Theory]
    [InlineData("date-time", "\"2026-11-22T08:20:51Z\"", true)]
    [InlineData("date-time", "\"2026-11-22T08:20:51.123+02:00\"", true)]
    [InlineData("date-time", "\"yesterday\"", false)]
    [InlineData("date-time", "\"2026-11-22T24:00:00Z\"", false)]
    [InlineData("date", "\"2024-02-29\"", true)]
    [InlineData("date", "\"2023-02-29\"", false)]
    [InlineData("uuid", "\"bdb78df4-c3eb-49a8-8295-f1df9e1f1506\"", true)]
    [InlineData("uuid", "\"not-a-uuid\"", false)]
    [InlineData("byte", "\"aGVsbG8=\"", true)]
    [InlineData("byte", "\"aGVsbG8\"", false)]
    [InlineData("ipv4", "\"10.0.0.1\"", true)]
    [InlineData("ipv4", "\"10.0.0.01\"", false)]
    [InlineData("ipv4", "\"::1\"", false)]
    [InlineData("ipv6", "\"fd00::1\"", true)]
    [InlineData("ipv6", "\"10.0.0.1\"", false)]
    [InlineData("cidr", "\"10.0.0.0/8\"", true)]
    [InlineData("cidr", "\"fd00::/64\"", true)]
    [InlineData("cidr", "\"10.0.0.0/33\"", false)]
    [InlineData("hostname", "\"web.example.com\"", true)]
    [InlineData("hostname", "\"localhost\"", true)]
    [InlineData("hostname", "\"-bad.example.com\"", false)]
    [InlineData("hostname", "\"under_score.example.com\"", false)]
    [InlineData("mac", "\"00:1a:2b:3c:4d:5e\"", true)]
    [InlineData("mac", "\"00:1a:2b\"", false)]
    public void Supported_formats_are_checked(string format, string value, bool valid)
    {
        var errors = Messages(SpecWith($$$"""{"type": "string", "format": "{{{format}}}"}"""), $$$"""{"spec": {"x": {{{value}}}}}""");

        if (valid)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal([$"spec.x: Invalid value: {value}: spec.x in body must be of type {format}: {value}"], errors);
        }
    }

    [Fact]
    public void Format_failures_are_type_errors()
    {
        var error = Assert.Single(SchemaValidator.Validate(Node("""{"spec": {"t": "yesterday"}}"""),
            ParseSchema("""{"type": "object", "properties": {"spec": {"type": "object", "properties": {"t": {"type": "string", "format": "date-time"}}}}}""")));

        Assert.Equal("spec.t: Invalid value: \"yesterday\": spec.t in body must be of type date-time: \"yesterday\"", error.ToString());
        Assert.Equal("FieldValueTypeInvalid", error.Reason);
    }

    [Fact]
    public void Nested_paths_use_dots_and_indexes()
    {
        var schema = """
            {"type": "object", "properties": {"spec": {"type": "object", "properties": {
              "containers": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "port": {"type": "integer", "maximum": 65535}}}},
              "labels": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 3}}}}}}
            """;

        Assert.Equal(
            [
                "spec.containers[0].port: Invalid value: 70000: spec.containers[0].port in body should be less than or equal to 65535",
                "spec.containers[1].name: Required value",
                "spec.labels.tier: Too long: may not be longer than 3",
            ],
            Messages(schema, """{"spec": {"containers": [{"name": "a", "port": 70000}, {"port": 80}], "labels": {"tier": "gold", "x": "y"}}}"""));
    }

    [Fact]
    public void Errors_are_sorted_by_field_then_message()
    {
        var schema = """
            {"type": "object", "required": ["spec"], "properties": {"spec": {"type": "object", "required": ["b", "a"], "properties": {
              "z": {"type": "integer", "minimum": 5, "multipleOf": 2}, "a": {"type": "string"}, "b": {"type": "string"}}}}}
            """;

        Assert.Equal(
            [
                "spec.a: Required value",
                "spec.b: Required value",
                "spec.z: Invalid value: 3: spec.z in body should be a multiple of 2",
                "spec.z: Invalid value: 3: spec.z in body should be greater than or equal to 5",
            ],
            Messages(schema, """{"spec": {"z": 3}}"""));
    }

    [Fact]
    public void Root_type_errors_are_reported_on_the_callers_field()
    {
        Assert.Equal(["<nil>: Invalid value: \"array\":  in body must be of type object: \"array\""],
            Messages("""{"type": "object"}""", "[]"));
        Assert.Equal(["spec: Invalid value: \"array\":  in body must be of type object: \"array\""],
            Messages("""{"type": "object"}""", "[]", rootPath: "spec"));
    }

    [Fact]
    public void AnyOf_failure_reports_the_junctor_and_the_best_branch()
    {
        var schema = SpecWith("""{"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}""");

        Assert.Equal(
            [
                "<nil>: Invalid value: \"\": \"spec.x\" must validate at least one schema (anyOf)",
                "spec.x: Invalid value: \"number\": spec.x in body must be of type integer,string: \"number\"",
                "spec.x: Invalid value: \"number\": spec.x in body must be of type integer: \"number\"",
            ],
            Messages(schema, """{"spec": {"x": 0.5}}"""));
        Assert.Empty(Messages(schema, """{"spec": {"x": "1Gi"}}"""));
    }

    [Fact]
    public void OneOf_requires_exactly_one_matching_branch()
    {
        var schema = SpecWith("""{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}""");

        Assert.Empty(Messages(schema, """{"spec": {"x": {"a": "1"}}}"""));
        Assert.Equal(
            ["<nil>: Invalid value: \"\": \"spec.x\" must validate one and only one schema (oneOf). Found 2 valid alternatives"],
            Messages(schema, """{"spec": {"x": {"a": "1", "b": "2"}}}"""));
        Assert.Equal(
            [
                "<nil>: Invalid value: \"\": \"spec.x\" must validate one and only one schema (oneOf). Found none valid",
                "spec.x.a: Required value",
            ],
            Messages(schema, """{"spec": {"x": {}}}"""));
    }

    [Fact]
    public void AllOf_and_not_report_their_own_failures()
    {
        var allOf = SpecWith("""{"type": "integer", "allOf": [{"minimum": 1}, {"maximum": 3}]}""");
        var not = SpecWith("""{"type": "string", "not": {"enum": ["forbidden"]}}""");

        Assert.Equal(
            [
                "<nil>: Invalid value: \"\": \"spec.x\" must validate all the schemas (allOf)",
                "spec.x: Invalid value: 4: spec.x in body should be less than or equal to 3",
            ],
            Messages(allOf, """{"spec": {"x": 4}}"""));
        Assert.Equal(["<nil>: Invalid value: \"\": \"spec.x\" must not validate the schema (not)"], Messages(not, """{"spec": {"x": "forbidden"}}"""));
        Assert.Empty(Messages(not, """{"spec": {"x": "fine"}}"""));
    }

    [Fact]
    public void List_type_set_reports_the_second_occurrence_of_each_duplicate()
    {
        var schema = SpecWith("""{"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}}""");

        Assert.Equal(
            ["spec.x[2]: Duplicate value: \"a\"", "spec.x[3]: Duplicate value: \"b\""],
            Messages(schema, """{"spec": {"x": ["a", "b", "a", "b", "a"]}}"""));
    }

    [Fact]
    public void List_type_map_reports_duplicate_keys()
    {
        var schema = SpecWith("""
            {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
             "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "port": {"type": "integer"}}}}
            """);
        var twoKeys = SpecWith("""
            {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
             "items": {"type": "object", "properties": {"port": {"type": "integer"}, "protocol": {"type": "string"}}}}
            """);

        Assert.Equal(["spec.x[1]: Duplicate value: {\"name\":\"http\"}"],
            Messages(schema, """{"spec": {"x": [{"name": "http", "port": 80}, {"name": "http", "port": 81}]}}"""));
        Assert.Equal(["spec.x[2]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}"],
            Messages(twoKeys, """{"spec": {"x": [{"port": 80, "protocol": "TCP"}, {"port": 80, "protocol": "UDP"}, {"protocol": "TCP", "port": 80}]}}"""));
    }

    [Fact]
    public void List_map_items_must_be_objects()
    {
        var schema = SpecWith("""{"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"], "items": {"type": "object", "properties": {"name": {"type": "string"}}}}""");

        Assert.Contains("spec.x[1]: Invalid value: \"b\": must be an object for an array of list-type map",
            Messages(schema, """{"spec": {"x": [{"name": "a"}, "b"]}}"""));
    }

    [Fact]
    public void AdditionalProperties_false_forbids_other_keys()
    {
        var schema = SpecWith("""{"type": "object", "additionalProperties": false}""");

        Assert.Equal(["spec.x: Invalid value: \"k\": spec.x.k in body is a forbidden property"], Messages(schema, """{"spec": {"x": {"k": 1}}}"""));
    }

    [Fact]
    public void Property_count_violations_stop_the_object_validation()
    {
        var schema = SpecWith("""{"type": "object", "maxProperties": 1, "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}""");

        Assert.Equal(["spec.x: Too many: 2: must have at most 1 item"], Messages(schema, """{"spec": {"x": {"a": 1, "b": 2}}}"""));
    }

    [Fact]
    public void Root_path_prefixes_every_field()
    {
        Assert.Equal(["spec.versions[0].default.size: Invalid value: 42: size in body should be less than or equal to 10"],
            Messages("""{"type": "object", "properties": {"size": {"type": "integer", "maximum": 10}}}""", """{"size": 42}""", "spec.versions[0].default"));
    }

    [Fact]
    public void Pattern_that_does_not_compile_is_reported_as_a_failed_match()
    {
        var error = Assert.Single(Messages(SpecWith("""{"type": "string", "pattern": "(unclosed"}"""), """{"spec": {"x": "a"}}"""));

        Assert.StartsWith("spec.x: Invalid value: \"a\": spec.x in body should match '(unclosed, but pattern is invalid: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_built_in_code_read_integer_bounds()
    {
        var schema = StructuralSchema.Parse(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["n"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 10L, ["multipleOf"] = 2 },
                ["s"] = new JsonObject { ["type"] = "string", ["maxLength"] = 2 },
            },
        });

        Assert.Equal(
            [
                "n: Invalid value: 11: n in body should be a multiple of 2",
                "n: Invalid value: 11: n in body should be less than or equal to 10",
                "s: Too long: may not be longer than 2",
            ],
            SchemaValidator.Validate(new JsonObject { ["n"] = 11, ["s"] = "abc" }, schema).Select(e => e.ToString()));
    }
}
