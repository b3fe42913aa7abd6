using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// What each operator and function gives, one row each. The variables are <see cref="Values.Environment"/>:
/// one = [0.5], three = [0.1, 0.2, 0.3], empty = [], nan = NaN, nanv = [NaN], inf = +Inf, s = "abc",
/// num = "1.5", n = nil, t = true, m = {a: 1, b: "x", nested: {c: [1, 2]}, "with space": true}.
/// An expected value of <c>!Kind</c> is an evaluation error of that kind.
/// </summary>
public class ExpressionSemanticsTests
{
    public static TheoryData<string, string> Literals => new()
    {
        { "1", "1" },
        { "1.5", "1.5" },
        { "1e-3", "0.001" },
        { "1E3", "1000" },
        { "2.5e+2", "250" },
        { ".5", "0.5" },
        { "007", "7" },
        { "1e400", "+Inf" },
        { "'single'", "\"single\"" },
        { "\"double\"", "\"double\"" },
        { "'it\\'s'", "\"it's\"" },
        { "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"" },
        { "'two\\nlines\\tand\\\\'", "\"two\\nlines\\tand\\\\\"" },
        { "'\"'", "\"\\\"\"" },
        { "true", "true" },
        { "false", "false" },
        { "nil", "nil" },
        { "null", "nil" },
        { "[]", "[]" },
        { "[1, 'a', nil, [true]]", "[1, \"a\", nil, [true]]" },
        { "  1\n+\t2 ", "3" },
        { "1e400 == 1e999", "true" },
    };

    public static TheoryData<string, string> Arithmetic => new()
    {
        { "1 + 2 * 3", "7" },
        { "(1 + 2) * 3", "9" },
        { "10 - 4 - 3", "3" },
        { "2 * 3 / 4", "1.5" },
        { "12 / 2 / 3", "2" },
        { "7 % 3", "1" },
        { "-7 % 3", "-1" },
        { "7.5 % 2", "1.5" },
        { "2 ** 10", "1024" },
        { "2 ** 3 ** 2", "512" },
        { "-2 ** 2", "-4" },
        { "(-2) ** 2", "4" },
        { "2 ** -1", "0.5" },
        { "2 * 3 ** 2", "18" },
        { "1 / 0", "+Inf" },
        { "-1 / 0", "-Inf" },
        { "0 / 0", "NaN" },
        { "5 % 0", "NaN" },
        { "0.1 + 0.2", "0.30000000000000004" },
        { "- -1", "1" },
        { "--1", "1" },
        { "nan + 1", "NaN" },
        { "inf - inf", "NaN" },
        { "-inf", "-Inf" },
        { "-one", "-0.5" },
        { "one * 100", "50" },
        { "one + one", "1" },
        { "100 * one", "50" },
        { "three * 2", "!TypeMismatch" },
        { "empty + 1", "!TypeMismatch" },
        { "'a' + 'b'", "\"ab\"" },
        { "s + 'd'", "\"abcd\"" },
        { "'a' + 1", "!TypeMismatch" },
        { "'a' - 'b'", "!TypeMismatch" },
        { "1 + true", "!TypeMismatch" },
        { "n + 1", "!TypeMismatch" },
        { "-s", "!TypeMismatch" },
        { "-t", "!TypeMismatch" },
        { "m * 2", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Comparisons => new()
    {
        { "1 < 2", "true" },
        { "2 <= 2", "true" },
        { "3 > 2", "true" },
        { "2 >= 3", "false" },
        { "1 == 1", "true" },
        { "1 != 1", "false" },
        { "1 < 2 == true", "true" },
        { "1 + 1 == 2", "true" },
        { "nan < 1", "false" },
        { "nan > 1", "false" },
        { "nan <= nan", "false" },
        { "nan >= nan", "false" },
        { "nan == nan", "false" },
        { "nan != nan", "true" },
        { "nanv == nanv", "false" },
        { "nanv < 1", "false" },
        { "inf > 1e308", "true" },
        { "-inf < 0", "true" },
        { "'abc' < 'abd'", "true" },
        { "'B' < 'a'", "true" },
        { "'b' >= 'a'", "true" },
        { "s == 'abc'", "true" },
        { "s != 'abc'", "false" },
        { "'a' == \"a\"", "true" },
        { "'a' == 'A'", "false" },
        { "t == true", "true" },
        { "true != false", "true" },
        { "1 == '1'", "!TypeMismatch" },
        { "true == 1", "!TypeMismatch" },
        { "'a' < 1", "!TypeMismatch" },
        { "true < false", "!TypeMismatch" },
        { "n < 1", "!TypeMismatch" },
        { "n == nil", "true" },
        { "nil == nil", "true" },
        { "1 == nil", "false" },
        { "nil != 1", "true" },
        { "empty == nil", "false" },
        { "three != nil", "true" },
        { "m == nil", "false" },
        { "one < 0.6", "true" },
        { "one == 0.5", "true" },
        { "0.5 == one", "true" },
        { "one >= one", "true" },
        { "one != 0.5", "false" },
        { "three < 1", "!TypeMismatch" },
        { "empty < 1", "!TypeMismatch" },
        { "three == 0.1", "!TypeMismatch" },
        { "empty == 0", "!TypeMismatch" },
        { "three == [0.1, 0.2, 0.3]", "true" },
        { "three == [0.1, 0.2]", "false" },
        { "three == [0.1, 0.2, 0.4]", "false" },
        { "[] == empty", "true" },
        { "[1] == 1", "true" },
        { "['a'] == 'a'", "true" },
        { "m == m", "true" },
        { "m.nested == m", "false" },
        { "m == 1", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Logic => new()
    {
        { "true && false", "false" },
        { "true || false", "true" },
        { "true and true", "true" },
        { "false or true", "true" },
        { "!true", "false" },
        { "not false", "true" },
        { "!!true", "true" },
        { "not not true", "true" },
        { "true || false && false", "true" },
        { "(true || false) && false", "false" },
        { "false && true || true", "true" },
        { "!(1 > 2)", "true" },
        { "1 + 2 < 4 && 'a' == 'a' || false", "true" },
        { "false && missing", "false" },
        { "true || missing", "true" },
        { "false && (1/0 > 0)", "false" },
        { "false && len(1) > 0", "false" },
        { "true || 'a' < 1", "true" },
        { "false and 1", "false" },
        { "true && missing", "!UnknownVariable" },
        { "false || missing", "!UnknownVariable" },
        { "1 && true", "!TypeMismatch" },
        { "true && 1", "!TypeMismatch" },
        { "false || 0", "!TypeMismatch" },
        { "!1", "!TypeMismatch" },
        { "!one", "!TypeMismatch" },
        { "!n", "!TypeMismatch" },
        { "!s", "!TypeMismatch" },
        // ! binds tighter than comparisons, as in C and Go: this is (!1) > 2.
        { "!1 > 2", "!TypeMismatch" },
        { "not 1 == 1", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Membership => new()
    {
        { "2 in [1, 2, 3]", "true" },
        { "4 in [1, 2]", "false" },
        { "1 in []", "false" },
        { "one in [0.5, 1]", "true" },
        { "0.2 in three", "true" },
        { "'a' in ['a', 'b']", "true" },
        { "nil in [1, nil]", "true" },
        { "nan in [nan]", "false" },
        { "1 + 1 in [2]", "true" },
        { "'a' in m", "true" },
        { "'z' in m", "false" },
        { "1 in m", "!TypeMismatch" },
        { "1 in 1", "!TypeMismatch" },
        { "'a' in 'abc'", "!TypeMismatch" },
        { "1 in ['a']", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Access => new()
    {
        { "three[0]", "0.1" },
        { "three[2]", "0.3" },
        { "three[-1]", "0.3" },
        { "three[-3]", "0.1" },
        { "three[1 + 1]", "0.3" },
        { "three[3]", "!IndexOutOfRange" },
        { "three[-4]", "!IndexOutOfRange" },
        { "empty[0]", "!IndexOutOfRange" },
        { "three[0.5]", "!InvalidArgument" },
        { "three[nan]", "!InvalidArgument" },
        { "three[one]", "!InvalidArgument" },
        { "three['a']", "!TypeMismatch" },
        { "three[n]", "!TypeMismatch" },
        { "[1, 2, 3][1]", "2" },
        { "(three)[0]", "0.1" },
        { "m.a", "1" },
        { "m.b", "\"x\"" },
        { "m.nested.c[1]", "2" },
        { "m['with space']", "true" },
        { "m['a']", "1" },
        { "m.zzz", "!MissingField" },
        { "m['zzz']", "!MissingField" },
        { "m[1]", "!TypeMismatch" },
        { "s.a", "!TypeMismatch" },
        { "s[0]", "!TypeMismatch" },
        { "one.a", "!TypeMismatch" },
        { "n.a", "!TypeMismatch" },
        { "missing", "!UnknownVariable" },
        { "missing[0]", "!UnknownVariable" },
    };

    public static TheoryData<string, string> ScalarFunctions => new()
    {
        { "len(three)", "3" },
        { "len(empty)", "0" },
        { "len(one)", "1" },
        { "len(s)", "3" },
        { "len('')", "0" },
        { "len(m)", "4" },
        { "len('héllo')", "5" },
        { "len('😀')", "1" },
        { "len(1)", "!TypeMismatch" },
        { "len(n)", "!TypeMismatch" },
        { "len(empty) == 0", "true" },
        { "isNaN(nan)", "true" },
        { "isNaN(nanv)", "true" },
        { "isNaN(0 / 0)", "true" },
        { "isNaN(1)", "false" },
        { "isNaN(inf)", "false" },
        { "isNaN(three)", "!TypeMismatch" },
        { "isNaN(empty)", "!TypeMismatch" },
        { "isNaN(s)", "!TypeMismatch" },
        { "isNaN(n)", "!TypeMismatch" },
        { "isNil(n)", "true" },
        { "isNil(nil)", "true" },
        { "isNil(0)", "false" },
        { "isNil(empty)", "false" },
        { "isNil(nan)", "false" },
        { "isNil(s)", "false" },
        { "isNil(m.zzz)", "!MissingField" },
        { "isInf(inf)", "true" },
        { "isInf(-inf)", "true" },
        { "isInf(1 / 0)", "true" },
        { "isInf(nan)", "false" },
        { "isInf(1)", "false" },
        { "isInf('a')", "!TypeMismatch" },
        { "abs(-3)", "3" },
        { "abs(one)", "0.5" },
        { "abs(-inf)", "+Inf" },
        { "abs(nan)", "NaN" },
        { "abs('a')", "!TypeMismatch" },
        { "asFloat('1.5')", "1.5" },
        { "asFloat(num)", "1.5" },
        { "asFloat('-2e3')", "-2000" },
        { "asFloat('.5')", "0.5" },
        { "asFloat('+Inf')", "+Inf" },
        { "asFloat('inf')", "+Inf" },
        { "asFloat('-Infinity')", "-Inf" },
        { "asFloat('NaN')", "NaN" },
        { "asFloat(2)", "2" },
        { "asFloat(one)", "0.5" },
        { "asFloat(['3'])", "3" },
        { "asFloat('1.5') > 1", "true" },
        { "asFloat('abc')", "!InvalidArgument" },
        { "asFloat('')", "!InvalidArgument" },
        { "asFloat(' 1')", "!InvalidArgument" },
        { "asFloat('1,5')", "!InvalidArgument" },
        { "asFloat('0x10')", "!InvalidArgument" },
        { "asFloat('1e')", "!InvalidArgument" },
        { "asFloat('--1')", "!InvalidArgument" },
        { "asFloat(true)", "!TypeMismatch" },
        { "asFloat(n)", "!TypeMismatch" },
        { "asFloat(three)", "!TypeMismatch" },
        { "asInt(2.7)", "2" },
        { "asInt(-2.7)", "-2" },
        { "asInt('42')", "42" },
        { "asInt('4.9')", "4" },
        { "asInt(nan)", "!InvalidArgument" },
        { "asInt(inf)", "!InvalidArgument" },
        { "asInt('x')", "!InvalidArgument" },
        { "asInt(true)", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Aggregates => new()
    {
        { "min(three)", "0.1" },
        { "max(three)", "0.3" },
        { "min(3, 1, 2)", "1" },
        { "max(3, 1, 2)", "3" },
        { "max(one)", "0.5" },
        { "max(7)", "7" },
        { "max(1, one)", "1" },
        { "max([1, nan, 3])", "NaN" },
        { "min(nan, 1)", "NaN" },
        { "min(three) < 0.5", "true" },
        { "max(empty)", "!EmptyList" },
        { "min(empty)", "!EmptyList" },
        { "max(['a'])", "!TypeMismatch" },
        { "max(1, 'a')", "!TypeMismatch" },
        { "max(three, 1)", "!TypeMismatch" },
        { "sum(three)", "0.6000000000000001" },
        { "sum(empty)", "0" },
        { "sum(5)", "5" },
        { "sum([1, inf])", "+Inf" },
        { "sum(['a'])", "!TypeMismatch" },
        { "mean([1, 2, 3, 4])", "2.5" },
        { "mean(2)", "2" },
        { "mean(empty)", "!EmptyList" },
        { "mean(s)", "!TypeMismatch" },
    };

    public static TheoryData<string, string> Defaults => new()
    {
        { "default(n, 0)", "0" },
        { "default(nan, 0)", "0" },
        { "default(nanv, 0)", "0" },
        { "default(empty, 0)", "0" },
        { "default([nil], 3)", "3" },
        { "default(one, 0)", "[0.5]" },
        { "default(1, 0)", "1" },
        { "default(s, 'y')", "\"abc\"" },
        { "default('', 'x')", "\"\"" },
        { "default(false, true)", "false" },
        // An unknown variable is a mistake in the template, not missing data: default() does not hide it.
        { "default(missing, 7)", "!UnknownVariable" },
        { "default(m.zzz, 'x')", "\"x\"" },
        { "default(empty[0], 0)", "0" },
        { "default(three[5], -1)", "-1" },
        { "default(mean(empty), 0)", "0" },
        { "default(n, n)", "nil" },
        { "default(one, 0) < 5", "true" },
        { "default(missing, missing2)", "!UnknownVariable" },
        { "default(1 + 'a', 0)", "!TypeMismatch" },
        { "default(asFloat('x'), 0)", "!InvalidArgument" },
    };

    public static TheoryData<string, string> Predicates => new()
    {
        { "all(three, {# < 0.5})", "true" },
        { "all(three, {# < 0.2})", "false" },
        { "all(empty, {# > 0})", "true" },
        { "all(one, {# == 0.5})", "true" },
        { "any(three, {# > 0.25})", "true" },
        { "any(three, {# > 1})", "false" },
        { "any(empty, {true})", "false" },
        { "none(three, {# > 1})", "true" },
        { "none(three, {# > 0.25})", "false" },
        { "none(empty, {true})", "true" },
        { "filter(three, {# > 0.15})", "[0.2, 0.3]" },
        { "filter(empty, {true})", "[]" },
        { "map(three, {# * 10})", "[1, 2, 3]" },
        { "map([1, 2], {[#]})", "[[1], [2]]" },
        { "map(empty, {#})", "[]" },
        { "map([m], {#.a})", "[1]" },
        { "len(filter(three, {# >= 0.2})) == 2", "true" },
        { "all([[1, 2], [3]], {all(#, {# > 0})})", "true" },
        { "any([[1, 2], [3]], {len(#) == 1})", "true" },
        { "map([[1, 2], [3]], {sum(#)})", "[3, 3]" },
        { "all(three, {# > 0 && # < one})", "true" },
        // all, any and none stop at the first element that decides, before the 'a' that would be a type error.
        { "all([1, 'a'], {# > 2})", "false" },
        { "any([1, 'a'], {# == 1})", "true" },
        { "none([1, 'a'], {# == 1})", "false" },
        // default() catches the missing field inside the inner predicate, and '#' is the outer element again after it.
        { "all(three, {default(all([m], {#.zzz}), true) && # < 1})", "true" },
        { "all(three, {1})", "!TypeMismatch" },
        { "filter(three, {#})", "!TypeMismatch" },
        { "all(1, {true})", "!TypeMismatch" },
        { "all(s, {true})", "!TypeMismatch" },
        { "map(three, {missing})", "!UnknownVariable" },
        { "all([1, 'a'], {# < 2})", "!TypeMismatch" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    [MemberData(nameof(Arithmetic))]
    [MemberData(nameof(Comparisons))]
    [MemberData(nameof(Logic))]
    [MemberData(nameof(Membership))]
    [MemberData(nameof(Access))]
    [MemberData(nameof(ScalarFunctions))]
    [MemberData(nameof(Aggregates))]
    [MemberData(nameof(Defaults))]
    [MemberData(nameof(Predicates))]
    public void Evaluates_to(string expression, string expected) =>
        Assert.Equal(expected, Values.Outcome(expression, Values.Environment));

    /// <summary>The examples of rollout-semantics.md section 5, with the results Prometheus can give.</summary>
    public static TheoryData<string, string, string> SemanticsDocExamples => new()
    {
        { "[0.96]", "result[0] >= 0.95", "true" },
        { "[0.9]", "result[0] >= 0.95", "false" },
        { "[]", "result[0] >= 0.95", "!IndexOutOfRange" },
        { "0.005", "result < 0.01 || isNaN(result)", "true" },
        { "[0.005]", "result < 0.01 || isNaN(result)", "true" },
        { "[0.5]", "result < 0.01 || isNaN(result)", "false" },
        { "NaN", "result < 0.01 || isNaN(result)", "true" },
        { "[NaN]", "result < 0.01 || isNaN(result)", "true" },
        { "[]", "result < 0.01 || isNaN(result)", "!TypeMismatch" },
        { "[0.001, 0.002]", "result < 0.01 || isNaN(result)", "!TypeMismatch" },
        { "[]", "len(result) == 0", "true" },
        { "[1]", "len(result) == 0", "false" },
        { "[3]", "default(result, 0) < 5", "true" },
        { "[7]", "default(result, 0) < 5", "false" },
        { "NaN", "default(result, 0) < 5", "true" },
        { "[]", "default(result, 0) < 5", "true" },
        { "nil", "default(result, 0) < 5", "true" },
        { "'1.5'", "asFloat(result) > 1", "true" },
        { "['1.5']", "asFloat(result) > 1", "true" },
        { "'0.5'", "asFloat(result) > 1", "false" },
        { "2", "asFloat(result) > 1", "true" },
        { "'n/a'", "asFloat(result) > 1", "!InvalidArgument" },
        { "[0.1, 0.4]", "all(result, {# < 0.5})", "true" },
        { "[0.1, 0.6]", "all(result, {# < 0.5})", "false" },
        { "'ok'", "result == 'ok'", "true" },
        { "'OK'", "result == \"ok\"", "false" },
        { "[0.96]", "result[0] >= 0.95 && result[0] <= 1", "true" },
        { "[0.2]", "!(result[0] > 0.5) && result * 100 < 25", "true" },
    };

    [Theory]
    [MemberData(nameof(SemanticsDocExamples))]
    public void The_semantics_doc_examples_work(string result, string expression, string expected) =>
        Assert.Equal(expected, Values.Outcome(expression, Values.Result(Values.Read(result))));

    [Theory]
    [InlineData("result[0] >= 0.95", "[0.96]", true)]
    [InlineData("result[0] >= 0.95", "[0.94]", false)]
    [InlineData("isNaN(result)", "NaN", true)]
    public void EvaluateCondition_gives_the_bool(string expression, string result, bool expected) =>
        Assert.Equal(expected, ConditionExpression.Parse(expression).EvaluateCondition(Values.Result(Values.Read(result))));

    [Theory]
    [InlineData("result", "0.5")]
    [InlineData("result", "[true]")]
    [InlineData("result", "nil")]
    [InlineData("result + 1", "[1]")]
    [InlineData("'true'", "1")]
    public void EvaluateCondition_refuses_a_value_that_is_not_a_bool(string expression, string result)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() =>
            ConditionExpression.Parse(expression).EvaluateCondition(Values.Result(Values.Read(result))));

        Assert.Equal(ExpressionErrorKind.TypeMismatch, error.Kind);
        Assert.StartsWith("the condition at column 1: must give true or false, got ", error.Message, StringComparison.Ordinal);
    }
}
