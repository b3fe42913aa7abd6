using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Tests.Validation;

public class FieldErrorTests
{
    [Theory]
    [InlineData(FieldErrorType.NotFound, "FieldValueNotFound", "Not found")]
    [InlineData(FieldErrorType.Required, "FieldValueRequired", "Required value")]
    [InlineData(FieldErrorType.Duplicate, "FieldValueDuplicate", "Duplicate value")]
    [InlineData(FieldErrorType.Invalid, "FieldValueInvalid", "Invalid value")]
    [InlineData(FieldErrorType.NotSupported, "FieldValueNotSupported", "Unsupported value")]
    [InlineData(FieldErrorType.Forbidden, "FieldValueForbidden", "Forbidden")]
    [InlineData(FieldErrorType.TooLong, "FieldValueTooLong", "Too long")]
    [InlineData(FieldErrorType.TooMany, "FieldValueTooMany", "Too many")]
    [InlineData(FieldErrorType.Internal, "InternalError", "Internal error")]
    [InlineData(FieldErrorType.TypeInvalid, "FieldValueTypeInvalid", "Invalid value")]
    public void Types_have_the_apimachinery_reason_and_text(FieldErrorType type, string reason, string text)
    {
        Assert.Equal(reason, type.Reason());
        Assert.Equal(text, type.DisplayText());
        Assert.Equal(reason, new FieldError(type, "f", null, string.Empty).Reason);
    }

    [Fact]
    public void Invalid_integer_prints_bare_with_detail()
    {
        var error = FieldError.Invalid("spec.size", JsonValue.Create(42L), "spec.size in body should be less than or equal to 10");

        Assert.Equal("Invalid value: 42: spec.size in body should be less than or equal to 10", error.ErrorBody);
        Assert.Equal("spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10", error.ToString());
    }

    [Theory]
    [InlineData("\"abc\"", "\"abc\"")]
    [InlineData("\"say \\\"hi\\\"\\n\\tnow\\\\\"", "\"say \\\"hi\\\"\\n\\tnow\\\\\"")]
    [InlineData("\"caf\u00e9 \u2603\"", "\"caf\u00e9 \u2603\"")]
    [InlineData("\"\\u0001\\u007f\"", "\"\\x01\\x7f\"")]
    [InlineData("\"a\\u00a0b\\u200bc\"", "\"a\\u00a0b\\u200bc\"")]
    [InlineData("true", "true")]
    [InlineData("-7", "-7")]
    [InlineData("null", "null")]
    [InlineData("1.5", "1.5")]
    [InlineData("3.0", "3")]
    [InlineData("1000000.0", "1e+06")]
    [InlineData("123456.5", "123456.5")]
    [InlineData("1234567.5", "1.2345675e+06")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("-2.5e-7", "-2.5e-07")]
    [InlineData("1e21", "1e+21")]
    [InlineData("{\"b\":1,\"a\":[true,\"<x>&\"],\"c\":{\"z\":0.5}}", "{\"a\":[true,\"\\u003cx\\u003e\\u0026\"],\"b\":1,\"c\":{\"z\":0.5}}")]
    [InlineData("[1,2.5,null,1e21,1e-7]", "[1,2.5,null,1e+21,1e-7]")]
    public void Bad_values_render_like_Go(string json, string expected)
    {
        var error = FieldError.Invalid("f", JsonNode.Parse(json), string.Empty);

        Assert.Equal("Invalid value: " + expected, error.ErrorBody);
    }

    [Fact]
    public void Errors_without_values_print_only_their_type()
    {
        Assert.Equal("spec.targetRef.name: Required value", FieldError.Required("spec.targetRef.name", string.Empty).ToString());
        Assert.Equal("a: Required value: must be set", FieldError.Required("a", "must be set").ToString());
        Assert.Equal("a: Forbidden: not here", FieldError.Forbidden("a", "not here").ToString());
        Assert.Equal("a: Too long: may not be longer than 5", FieldError.TooLong("a", JsonValue.Create("abcdefg"), 5).ToString());
        Assert.Equal("a: Internal error: boom", FieldError.Internal("a", "boom").ToString());
        Assert.Equal("a: Invalid value", (FieldError.Invalid("a", JsonValue.Create(1), string.Empty) with { ValueOmitted = true }).ToString());
    }

    [Fact]
    public void NotSupported_lists_the_supported_values_quoted()
    {
        var error = FieldError.NotSupported("spec.color", JsonValue.Create("purple"), ["red", "green", "blue"]);

        Assert.Equal("spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"", error.ToString());
        Assert.Equal("FieldValueNotSupported", error.Reason);
        Assert.Equal("x: Unsupported value: 3", FieldError.NotSupported("x", JsonValue.Create(3), []).ToString());
    }

    [Fact]
    public void TooMany_prints_the_count_and_the_limit()
    {
        Assert.Equal("spec.items: Too many: 4: must have at most 3 items", FieldError.TooMany("spec.items", 4, 3).ToString());
        Assert.Equal("spec.items: Too many: 2: must have at most 1 item", FieldError.TooMany("spec.items", 2, 1).ToString());
        Assert.Equal("spec.items: Too many: must have at most 3 items", FieldError.TooMany("spec.items", -1, 3).ToString());
        Assert.Equal("spec.items: Too many: 9: has too many items", FieldError.TooMany("spec.items", 9, -1).ToString());
    }

    [Fact]
    public void Other_factories_use_their_types()
    {
        Assert.Equal("spec.ports[1]: Duplicate value: {\"port\":80}", FieldError.Duplicate("spec.ports[1]", JsonNode.Parse("{\"port\":80}")).ToString());
        Assert.Equal("spec.x: Invalid value: \"string\": spec.x in body must be of type integer: \"string\"",
            FieldError.TypeInvalid("spec.x", JsonValue.Create("string"), "spec.x in body must be of type integer: \"string\"").ToString());
        Assert.Equal("FieldValueTypeInvalid", FieldError.TypeInvalid("x", null, string.Empty).Reason);
        Assert.Equal("spec.ref: Not found: \"web\"", FieldError.NotFound("spec.ref", JsonValue.Create("web")).ToString());
    }

    [Fact]
    public void Aggregate_prints_one_error_bare_and_several_in_brackets()
    {
        var color = FieldError.NotSupported("spec.color", JsonValue.Create("purple"), ["red", "green", "blue"]);
        var size = FieldError.Invalid("spec.size", JsonValue.Create(42), "spec.size in body should be less than or equal to 10");

        Assert.Equal(string.Empty, FieldError.Aggregate([]));
        Assert.Equal(size.ToString(), FieldError.Aggregate([size]));
        Assert.Equal(
            "[spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\", spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10]",
            FieldError.Aggregate([color, size]));
    }

    [Fact]
    public void Aggregate_prints_identical_messages_once()
    {
        var required = FieldError.Required("spec.size", string.Empty);

        Assert.Equal("spec.size: Required value", FieldError.Aggregate([required, required with { }]));
        Assert.Equal("[spec.size: Required value, a: Forbidden]",
            FieldError.Aggregate([required, FieldError.Forbidden("a", string.Empty), required]));
    }
}
