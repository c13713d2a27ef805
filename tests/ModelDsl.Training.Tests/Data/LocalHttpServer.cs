using System.Net;
using System.Net.Sockets;

namespace ModelDsl.Training.Tests.Data;

/// <summary>
/// An HTTP server on 127.0.0.1 serving files from a directory (optionally with some replaced), counting requests:
/// the download tests never touch the network.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string root;
    private readonly IReadOnlyDictionary<string, byte[]> overrides;
    private readonly Thread loop;
    private int requests;

    public LocalHttpServer(string root, IReadOnlyDictionary<string, byte[]>? overrides = null)
    {
        this.root = root;
        this.overrides = overrides ?? new Dictionary<string, byte[]>();
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/datasets/");
        listener.Prefixes.Add(BaseUrl.ToString());
        listener.Start();
        loop = new Thread(Serve) { IsBackground = true, Name = "test http server" };
        loop.Start();
    }

    public Uri BaseUrl { get; }

    public int Requests => Volatile.Read(ref requests);

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private void Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref requests);
            var name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            var path = Path.Combine(root, name);
            var body = overrides.TryGetValue(name, out var replaced) ? replaced : File.Exists(path) ? File.ReadAllBytes(path) : null;
            using var response = context.Response;
            if (body is null)
            {
                response.StatusCode = 404;
                continue;
            }
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Join(TimeSpan.FromSeconds(5));
    }
}
