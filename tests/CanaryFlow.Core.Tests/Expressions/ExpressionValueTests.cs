using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

public class ExpressionValueTests
{
    public static TheoryData<ExpressionValue, string> Renderings => new()
    {
        { ExpressionValue.FromNumbers(0.91), "[0.91]" },
        { ExpressionValue.FromNumber(0.91), "0.91" },
        { ExpressionValue.FromNumber(double.NaN), "NaN" },
        { ExpressionValue.FromNumber(double.PositiveInfinity), "+Inf" },
        { ExpressionValue.FromNumber(double.NegativeInfinity), "-Inf" },
        { ExpressionValue.FromNumber(42), "42" },
        { ExpressionValue.FromNumber(-0.5), "-0.5" },
        { ExpressionValue.FromNumber(1e21), "1e+21" },
        { ExpressionValue.FromNumber(1e-5), "1e-05" },
        { ExpressionValue.FromNumber(0.1 + 0.2), "0.30000000000000004" },
        { ExpressionValue.FromString("ok"), "\"ok\"" },
        { ExpressionValue.FromString("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"" },
        { ExpressionValue.FromBool(true), "true" },
        { ExpressionValue.Nil, "nil" },
        { ExpressionValue.FromList(), "[]" },
        { ExpressionValue.FromNumbers(double.NaN, 1), "[NaN, 1]" },
        {
            ExpressionValue.FromMap(new Dictionary<string, ExpressionValue>
            {
                ["b c"] = ExpressionValue.FromList(ExpressionValue.FromBool(true), ExpressionValue.Nil),
                ["a"] = ExpressionValue.FromNumber(1),
                ["in"] = ExpressionValue.FromString("x"),
            }),
            "{a: 1, \"b c\": [true, nil], \"in\": \"x\"}"
        },
        { ExpressionValue.FromMap([]), "{}" },
    };

    [Theory]
    [MemberData(nameof(Renderings))]
    public void Renders_as_a_person_reads_it(ExpressionValue value, string expected) =>
        Assert.Equal(expected, value.ToString());

    [Fact]
    public void Abbreviates_long_lists()
    {
        var value = ExpressionValue.FromNumbers(Enumerable.Range(0, 25).Select(i => (double)i));

        Assert.Equal("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, ... (5 more)]", value.ToString());
    }

    [Fact]
    public void Abbreviates_long_strings() =>
        Assert.Equal($"\"{new string('x', 200)}\"... (100 more characters)", ExpressionValue.FromString(new string('x', 300)).ToString());

    [Fact]
    public void Abbreviates_deep_nesting()
    {
        var value = ExpressionValue.FromNumber(1);
        for (var i = 0; i < 12; i++)
        {
            value = ExpressionValue.FromList(value);
        }

        Assert.Equal("[[[[[[[[[...]]]]]]]]]", value.ToString());
    }

    [Fact]
    public void Refuses_nesting_beyond_the_limit()
    {
        var value = ExpressionValue.FromNumber(1);
        for (var i = 0; i < ExpressionValue.MaxNestingDepth; i++)
        {
            value = ExpressionValue.FromList(value);
        }

        Assert.Throws<ArgumentException>(() => ExpressionValue.FromList(value));
        Assert.Throws<ArgumentException>(() => ExpressionValue.FromMap([new("deep", value)]));
    }

    [Fact]
    public void Equality_is_structural_and_NaN_equals_NaN_for_CSharp()
    {
        Assert.Equal(ExpressionValue.FromNumber(double.NaN), ExpressionValue.FromNumber(double.NaN));
        Assert.Equal(ExpressionValue.FromNumbers(1, 2), ExpressionValue.FromList(ExpressionValue.FromNumber(1), ExpressionValue.FromNumber(2)));
        Assert.Equal(ExpressionValue.FromNumbers(1, 2).GetHashCode(), ExpressionValue.FromList(ExpressionValue.FromNumber(1), ExpressionValue.FromNumber(2)).GetHashCode());
        Assert.True(ExpressionValue.FromString("a") == ExpressionValue.FromString("a"));
        Assert.True(ExpressionValue.FromString("a") != ExpressionValue.FromString("b"));
        Assert.NotEqual(ExpressionValue.FromNumber(1), ExpressionValue.FromNumbers(1));
        Assert.NotEqual(ExpressionValue.FromNumber(1), ExpressionValue.FromString("1"));
        Assert.Equal(
            ExpressionValue.FromMap([new("a", ExpressionValue.Nil), new("b", ExpressionValue.FromBool(false))]),
            ExpressionValue.FromMap([new("b", ExpressionValue.FromBool(false)), new("a", ExpressionValue.Nil)]));
    }

    [Fact]
    public void Accessors_check_the_kind()
    {
        Assert.Equal(0.5, ExpressionValue.FromNumber(0.5).AsNumber());
        Assert.Equal("s", ExpressionValue.FromString("s").AsString());
        Assert.True(ExpressionValue.FromBool(true).AsBool());
        Assert.Equal([ExpressionValue.FromNumber(1)], ExpressionValue.FromNumbers(1).AsList());
        Assert.Equal(ExpressionValue.Nil, ExpressionValue.FromMap([new("k", ExpressionValue.Nil)]).AsMap()["k"]);
        Assert.True(ExpressionValue.Nil.IsNil);

        var error = Assert.Throws<InvalidOperationException>(() => ExpressionValue.FromString("1").AsNumber());
        Assert.Equal("The value is a string, not a number: \"1\"", error.Message);
    }

    [Fact]
    public void Factories_refuse_nulls_and_duplicate_keys()
    {
        Assert.Throws<ArgumentNullException>(() => ExpressionValue.FromString(null!));
        Assert.Throws<ArgumentNullException>(() => ExpressionValue.FromList(ExpressionValue.Nil, null!));
        Assert.Throws<ArgumentException>(() => ExpressionValue.FromMap([new("a", ExpressionValue.Nil), new("a", ExpressionValue.Nil)]));
    }

    [Fact]
    public void Lists_are_copied_so_the_value_stays_immutable()
    {
        var items = new List<ExpressionValue> { ExpressionValue.FromNumber(1) };
        var value = ExpressionValue.FromList(items);

        items.Add(ExpressionValue.FromNumber(2));

        Assert.Equal("[1]", value.ToString());
    }
}
