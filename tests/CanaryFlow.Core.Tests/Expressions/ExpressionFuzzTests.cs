using System.Text;
using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// Hostile and broken text, seeded so that every run tries the same inputs and a failure names the seed and the
/// input: random characters, random token soup, random edits of valid conditions, and nesting bombs, evaluated over
/// random values. Whatever the input, parsing and evaluating either succeed or throw an
/// <see cref="ExpressionException"/>; anything else (InvalidCast, IndexOutOfRange, Overflow, NullReference, ...)
/// fails the test, and a stack overflow would end the test run. Every evaluation stays within its step budget, which
/// is what bounds its time.
/// </summary>
public class ExpressionFuzzTests
{
    private const int _casesPerSeed = 1500;
    private const int _steps = 20_000;

    private static readonly string[] _corpus =
    [
        "result[0] >= 0.95",
        "result < 0.01 || isNaN(result)",
        "len(result) == 0",
        "default(result, 0) < 5",
        "asFloat(result) > 1",
        "all(result, {# < 0.5})",
        "result[0] >= 0.95 && result[0] <= 1",
        "!(result[0] > 0.5) and not false or true",
        "(one + 2) * 3 ** -1 % 4 / 5 - -6",
        "s == 'abc' && s != \"x\\\"y\" && 'a' < s",
        "m.nested.c[-1] in [1, 2, 3] && 'a' in m",
        "sum(map(three, {# * 100})) / len(three) > mean(three)",
        "any(filter(three, {# > 0.1}), {none([#], {isInf(#)})})",
        "max(min(three), abs(-1), asInt('4.5')) >= 1e-3",
        "default(m.zzz, default(empty[0], nil)) == nil",
        "map([[1, 2], [3]], {all(#, {# > 0})})",
        ".5 + 1.5e+2 - 2E-3",
        "isNil(result) || result.status == 'green' && result['p99'] < 0.5",
        "all(result, {max(#) < 0.5}) && result[0][-1] < 1e400",
    ];

    // The characters of the grammar, some white space and a few that are not in it at all.
    private const string _alphabet = "0123456789.eE+-*/%!=<>&|()[]{},#'\"\\ \t\nabcdefghijklmnopqrstuvwxyz_resultlenalanyno@$^~?:;`é\u0000\u00a0";

    private static readonly string[] _tokens =
    [
        "result", "one", "three", "m", "s", "n", "nan", "#", "1", "0", "-1", "0.5", "1e400", "'a'", "\"\"", "nil", "true",
        "false", "&&", "||", "and", "or", "not", "!", "in", "+", "-", "*", "/", "%", "**", "==", "!=", "<", "<=", ">",
        ">=", "(", ")", "[", "]", "{", "}", ",", ".", "len(", "isNaN(", "isNil(", "default(", "asFloat(", "asInt(",
        "abs(", "min(", "max(", "sum(", "mean(", "all(", "any(", "none(", "filter(", "map(", ".a", ".nested", "[0]",
        "[-1]",
    ];

    private static readonly string[] _operators = ["&&", "||", "==", "!=", "<", ">=", "in", "+", "-", "*", "/", "%", "**"];

    private static readonly string[] _functions = ["len", "isNaN", "isInf", "isNil", "asFloat", "asInt", "abs", "min", "max", "sum", "mean"];

    private static readonly string[] _predicates = ["all", "any", "none", "filter", "map"];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Nothing_but_ExpressionException_escapes(int seed)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        var parsed = 0;
        for (var i = 0; i < _casesPerSeed; i++)
        {
            var text = (i % 5) switch
            {
                0 => RandomCharacters(random),
                1 => TokenSoup(random),
                2 => NestingBomb(random),
                3 => Mutant(random),
                _ => Combination(random),
            };
            var result = RandomValue(random, depth: 0);
            try
            {
                parsed += RunSafely(text, result) ? 1 : 0;
            }
            catch (Exception error) when (error is not Xunit.Sdk.XunitException)
            {
                failures.Add($"case {i}: {error.GetType().Name} for {Show(text)} with result {result}: {error.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"seed {seed}:\n{string.Join("\n", failures.Take(10))}");
        // Enough of the inputs get past the parser for the evaluator to be fuzzed too.
        Assert.InRange(parsed, _casesPerSeed / 4, _casesPerSeed);
    }

    [Fact]
    public void The_corpus_itself_parses()
    {
        foreach (var text in _corpus)
        {
            var expression = ConditionExpression.Parse(text);
            Assert.Equal(text, expression.Text);
        }
    }

    /// <returns>Whether the text parsed, so that its evaluation was tried too.</returns>
    private static bool RunSafely(string text, ExpressionValue result)
    {
        ConditionExpression expression;
        try
        {
            expression = ConditionExpression.Parse(text);
        }
        catch (ExpressionSyntaxException error)
        {
            Assert.InRange(error.Position.Index, 0, text.Length);
            Assert.Contains('^', error.Excerpt);
            return false;
        }

        // Whatever parses prints as text that parses back to the same tree.
        var printed = ExpressionPrinter.Print(expression.Root);
        Assert.Equal(AstShape.Of(expression.Root), AstShape.Of(ConditionExpression.Parse(printed).Root));

        var variables = new Dictionary<string, ExpressionValue>(Values.Environment) { ["result"] = result };
        var context = new EvaluationContext(text, new ExpressionLimits { MaxSteps = _steps, MaxListLength = 500, MaxStringLength = 2000 });
        try
        {
            Assert.NotNull(expression.Evaluate(variables, context).ToString());
        }
        catch (ExpressionEvaluationException error)
        {
            Assert.InRange(error.Position.Index, 0, text.Length);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }

        Assert.InRange(context.Steps, 1, _steps);
        try
        {
            expression.EvaluateCondition(result, new ExpressionLimits { MaxSteps = _steps });
        }
        catch (ExpressionEvaluationException)
        {
        }

        return true;
    }

    private static string RandomCharacters(Random random)
    {
        var chars = new char[random.Next(0, 60)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = _alphabet[random.Next(_alphabet.Length)];
        }

        return new string(chars);
    }

    // Tokens reach deeper into the parser than characters do: most random characters fail in the lexer.
    private static string TokenSoup(Random random) =>
        string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, random.Next(1, 25)).Select(_ => _tokens[random.Next(_tokens.Length)]));

    // Deep or long structures around the nesting limit: they must be syntax errors or evaluate, never overflow.
    private static string NestingBomb(Random random)
    {
        var depth = ConditionExpression.MaxNestingDepth + random.Next(-3, 4);
        var (open, inner, close) = random.Next(8) switch
        {
            0 => ("(", "1", ")"),
            1 => ("[", "1", "]"),
            2 => ("-", "1", ""),
            3 => ("!", "true", ""),
            4 => ("abs(", "1", ")"),
            5 => ("map([1], {", "#", "})"),
            6 => ("default(", "nil", ", 1)"),
            _ => ("", "1", " + 1"),
        };
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }

    // Valid conditions joined by an operator or passed to a function: they parse, and mix kinds in the evaluator.
    private static string Combination(Random random)
    {
        string Pick() => random.Next(3) == 0 ? _tokens[random.Next(10)] : "(" + _corpus[random.Next(_corpus.Length)] + ")";
        return random.Next(3) switch
        {
            0 => $"{Pick()} {_operators[random.Next(_operators.Length)]} {Pick()}",
            1 => $"{_functions[random.Next(_functions.Length)]}({Pick()})",
            _ => $"{_predicates[random.Next(_predicates.Length)]}([{Pick()}, {Pick()}], {{{Pick()} {_operators[random.Next(_operators.Length)]} #}})",
        };
    }

    private static string Mutant(Random random)
    {
        var text = _corpus[random.Next(_corpus.Length)];
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            text = random.Next(5) switch
            {
                0 => text.Insert(at, _alphabet[random.Next(_alphabet.Length)].ToString()),
                1 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), 1),
                2 when text.Length > 0 => new StringBuilder(text) { [Math.Min(at, text.Length - 1)] = _alphabet[random.Next(_alphabet.Length)] }.ToString(),
                // Copies a slice elsewhere: repeats brackets, operators and calls, which single characters rarely build.
                3 => text.Insert(at, text.Substring(Math.Min(at, text.Length), Math.Min(random.Next(1, 12), text.Length - Math.Min(at, text.Length)))),
                _ => text.Insert(at, _tokens[random.Next(_tokens.Length)]),
            };
        }

        return text;
    }

    // Every kind of value a provider can hand in, with the awkward numbers among them.
    private static ExpressionValue RandomValue(Random random, int depth)
    {
        var kind = random.Next(depth >= 3 ? 5 : 8);
        return kind switch
        {
            0 => ExpressionValue.Nil,
            1 => ExpressionValue.FromBool(random.Next(2) == 0),
            2 or 3 => ExpressionValue.FromNumber(RandomNumber(random)),
            4 => ExpressionValue.FromString(random.Next(4) == 0 ? "1.5" : RandomCharacters(random)),
            5 => ExpressionValue.FromNumbers(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomNumber(random))),
            6 => ExpressionValue.FromList(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))),
            _ => ExpressionValue.FromMap(Enumerable.Range(0, random.Next(0, 4)).Select(i => KeyValuePair.Create(
                new[] { "a", "status", "p99", "nested", "with space" }[random.Next(5)] + i,
                RandomValue(random, depth + 1)))),
        };
    }

    private static double RandomNumber(Random random) => random.Next(10) switch
    {
        0 => double.NaN,
        1 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => random.Next(2) == 0 ? double.MaxValue : -0.0,
        3 => BitConverter.Int64BitsToDouble(random.NextInt64()),
        4 => random.Next(-5, 6),
        _ => Math.Round(random.NextDouble(), 3),
    };

    private static string Show(string text) =>
        "\"" + string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
