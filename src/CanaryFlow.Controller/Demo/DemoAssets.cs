namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The files of the CanaryFlow checkout the demo uses as a person would: the CRDs (crds/), the config repo it starts
/// from (examples/) and the Gateway API's HTTPRoute CRD (the copy the tests install). The demo runs from a checkout
/// (<c>dotnet run --project src/CanaryFlow.Controller -- demo</c>), found above the current directory or the binary.
/// </summary>
public sealed record DemoAssets(string RepositoryRoot)
{
    public string Crds => Path.Combine(RepositoryRoot, "crds");

    public string Examples => Path.Combine(RepositoryRoot, "examples");

    public string HttpRouteCrd => Path.Combine(RepositoryRoot, "tests", "CanaryFlow.LocalCluster.Tests", "Fixtures", "crds", "gateway-api", "gateway.networking.k8s.io_httproutes.yaml");

    public static DemoAssets Locate()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = new DemoAssets(directory.FullName);
                if (File.Exists(Path.Combine(candidate.Crds, "kustomization.yaml")) && Directory.Exists(Path.Combine(candidate.Examples, "apps")) && File.Exists(candidate.HttpRouteCrd))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("the demo needs a CanaryFlow checkout (crds/, examples/ and the Gateway API CRD under tests/): run it from the repository");
    }
}
