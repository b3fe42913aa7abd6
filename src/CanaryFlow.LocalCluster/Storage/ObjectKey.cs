namespace CanaryFlow.LocalCluster.Storage;

/// <summary>Namespace and name of an object; cluster-scoped objects have an empty namespace.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
