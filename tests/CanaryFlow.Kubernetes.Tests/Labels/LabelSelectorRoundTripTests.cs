using System.Text;
using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelSelectorRoundTripTests
{
    private const string _alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string _nameInner = _alphanumerics + "-_.";
    private const string _subdomainEdge = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string _subdomainInner = _subdomainEdge + "-";

    private static readonly LabelSelectorOperator[] _operators = Enum.GetValues<LabelSelectorOperator>();

    [Fact]
    public void Random_selectors_survive_print_and_parse()
    {
        var random = new Random(20240611);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var original = RandomSelector(random);
            var text = original.ToString();

            var reparsed = LabelSelector.Parse(text);

            Assert.True(original.Equals(reparsed), $"'{text}' parsed back as '{reparsed}'");
            Assert.Equal(text, reparsed.ToString());
            for (var sample = 0; sample < 5; sample++)
            {
                var labels = RandomLabels(random, original);
                Assert.Equal(original.Matches(labels), reparsed.Matches(labels));
            }
        }
    }

    private static LabelSelector RandomSelector(Random random) =>
        LabelSelector.FromRequirements(Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomRequirement(random)));

    private static LabelRequirement RandomRequirement(Random random)
    {
        var key = RandomKey(random);
        var @operator = _operators[random.Next(_operators.Length)];
        IEnumerable<string> values = @operator switch
        {
            LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist => [],
            LabelSelectorOperator.In or LabelSelectorOperator.NotIn =>
                Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomValue(random)).ToList(),
            LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan => [Digits(random)],
            _ => [RandomValue(random)],
        };
        return LabelRequirement.Create(key, @operator, values);
    }

    private static string RandomKey(Random random)
    {
        var roll = random.Next(10);
        if (roll == 0)
        {
            return random.Next(2) == 0 ? "in" : "notin";
        }

        var name = RandomName(random, random.Next(1, 12));
        return roll < 4 ? RandomSubdomain(random) + "/" + name : name;
    }

    private static string RandomValue(Random random) =>
        random.Next(8) switch
        {
            0 => string.Empty,
            1 => random.Next(2) == 0 ? "in" : "notin",
            _ => RandomName(random, random.Next(1, 12)),
        };

    private static string RandomName(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var alphabet = i == 0 || i == length - 1 ? _alphanumerics : _nameInner;
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomSubdomain(Random random)
    {
        var labels = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var length = random.Next(1, 8);
            var builder = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                var alphabet = i == 0 || i == length - 1 ? _subdomainEdge : _subdomainInner;
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return builder.ToString();
        });
        return string.Join('.', labels);
    }

    private static string Digits(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)('0' + random.Next(10))));

    // Labels drawn mostly from the selector's own keys and values, so that matches are not always false.
    private static Dictionary<string, string> RandomLabels(Random random, LabelSelector selector)
    {
        var labels = new Dictionary<string, string>();
        foreach (var requirement in selector.Requirements)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            labels[requirement.Key] = random.Next(3) switch
            {
                0 when requirement.Values.Count > 0 => requirement.Values[random.Next(requirement.Values.Count)],
                1 => Digits(random),
                _ => RandomValue(random),
            };
        }

        return labels;
    }
}
