Console.WriteLine("LocalCluster");
