using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Tests.Hashing;

public class CanonicalJsonTests
{
    [Theory]
    [InlineData("3", "3")]
    [InlineData("3.0", "3")]
    [InlineData("3e0", "3")]
    [InlineData("30e-1", "3")]
    [InlineData("0.3E1", "3")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e5", "0")]
    [InlineData("0.50", "0.5")]
    [InlineData("-12.5000", "-12.5")]
    [InlineData("1E2", "100")]
    [InlineData("100", "100")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123456789012345678901234", "1.23456789012345678901234e+23")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("1.5E-07", "1.5e-7")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.10000000000000001", "0.10000000000000001")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("1e400", "1e+400")]
    public void Numbers_are_written_by_exact_value(string written, string canonical)
    {
        Assert.Equal(canonical, Canonical($"{{\"n\":{written}}}")[5..^1]);
    }

    [Fact]
    public void Keys_are_sorted_by_ordinal_code_units()
    {
        Assert.Equal(
            """{"A":1,"B":2,"_":3,"a":4,"aa":5,"é":6,"𝄞":7,"ｚ":8}""",
            Canonical("""{"ｚ":8,"𝄞":7,"é":6,"aa":5,"a":4,"_":3,"B":2,"A":1}"""));
    }

    [Fact]
    public void Strings_have_one_escaping()
    {
        Assert.Equal(
            "{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001f / <>& é 🚀 \u2028\"}",
            Canonical("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001F \\/ \\u003c>& \\u00e9 \\ud83d\\ude80 \\u2028\"}"));
    }

    [Fact]
    public void Lone_surrogates_stay_distinct_from_the_replacement_character()
    {
        // JSON parsers refuse them, so they can only come from nodes built in code.
        var lone = Canonical(new JsonObject { ["s"] = "\ud800x\udc00" });

        Assert.Equal("{\"s\":\"\\ud800x\\udc00\"}", lone);
        Assert.NotEqual(lone, Canonical(new JsonObject { ["s"] = "\ufffdx\ufffd" }));
    }

    [Fact]
    public void Null_members_are_dropped_but_null_array_elements_keep_their_place()
    {
        Assert.Equal(
            """{"a":[1,null,{}],"c":{}}""",
            Canonical("""{"a":[1,null,{"x":null}],"b":null,"c":{"d":null}}"""));
    }

    [Fact]
    public void Literals_are_kept()
    {
        Assert.Equal("""{"f":false,"s":"true","t":true}""", Canonical("""{ "t" : true , "f" : false , "s" : "true" }"""));
    }

    [Fact]
    public void Not_a_number_cannot_be_hashed()
    {
        var template = new JsonObject { ["n"] = JsonValue.Create(double.NaN) };

        Assert.ThrowsAny<ArgumentException>(() => PodTemplateHash.Compute(template));
    }

    private static string Canonical(string json) => Canonical(JsonNode.Parse(json));

    private static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        CanonicalJsonWriter.AppendValue(builder, node);
        return builder.ToString();
    }
}
