namespace ModelDsl.Generators.Emit
{
    /// <summary>Escaping for XML doc comments.</summary>
    internal static class Xml
    {
        /// <summary>Escapes &amp;, &lt; and &gt;.</summary>
        public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
