using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelSelectorMatchTests
{
    private static readonly Dictionary<string, string> _labels = new()
    {
        ["app"] = "web",
        ["tier"] = "gold",
        ["replicas"] = "5",
        ["empty"] = "",
        ["signed"] = "+3",
        ["negative"] = "-3",
    };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=api", false)]
    [InlineData("absent=web", false)]
    [InlineData("absent=", false)]
    [InlineData("empty=", true)]
    [InlineData("app!=web", false)]
    [InlineData("app!=api", true)]
    [InlineData("absent!=web", true)]
    [InlineData("empty!=", false)]
    [InlineData("app in (api,web)", true)]
    [InlineData("app in (api)", false)]
    [InlineData("absent in (web)", false)]
    [InlineData("empty in ()", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("app notin (api)", true)]
    [InlineData("absent notin (web)", true)]
    [InlineData("app", true)]
    [InlineData("empty", true)]
    [InlineData("absent", false)]
    [InlineData("!app", false)]
    [InlineData("!absent", true)]
    [InlineData("replicas>4", true)]
    [InlineData("replicas>5", false)]
    [InlineData("replicas<6", true)]
    [InlineData("replicas<5", false)]
    [InlineData("replicas>04", true)]
    [InlineData("absent>1", false)]
    [InlineData("absent<1", false)]
    [InlineData("app>1", false)]
    [InlineData("empty<1", false)]
    [InlineData("signed>2", true)]
    [InlineData("negative<0", true)]
    [InlineData("app=web,tier=gold", true)]
    [InlineData("app=web,tier=silver", false)]
    [InlineData("app,!absent,tier in (gold),replicas>1", true)]
    [InlineData("", true)]
    public void Matches_like_apimachinery(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(_labels));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("!a", true)]
    [InlineData("a!=b", true)]
    [InlineData("a notin (b)", true)]
    [InlineData("a", false)]
    [InlineData("a=", false)]
    [InlineData("a in ()", false)]
    [InlineData("a<1", false)]
    public void Null_labels_are_the_empty_set(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(null));
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Everything_matches_all_and_nothing_matches_none()
    {
        Assert.True(LabelSelector.Everything.Matches(_labels));
        Assert.True(LabelSelector.Everything.Matches(null));
        Assert.False(LabelSelector.Nothing.Matches(_labels));
        Assert.False(LabelSelector.Nothing.Matches(null));
    }

    [Fact]
    public void Label_keys_are_case_sensitive()
    {
        Assert.False(LabelSelector.Parse("App=web").Matches(_labels));
        Assert.False(LabelSelector.Parse("app=Web").Matches(_labels));
    }
}
