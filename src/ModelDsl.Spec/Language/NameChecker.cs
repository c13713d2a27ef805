using System.Collections.Generic;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// Reports unknown layer and block names without expanding anything: used for blocks nothing calls
    /// yet (so a typo shows while the block is being written) and by the whole-file check.
    /// </summary>
    internal static class NameChecker
    {
        public static void Check(IEnumerable<Decl> decls, IReadOnlyDictionary<string, Decl> blocks, List<SpecDiagnostic> diagnostics)
        {
            foreach (var decl in decls)
            {
                Walk(decl.Body, blocks, diagnostics);
            }
        }

        /// <summary>Blocks whose name no call in the file mentions.</summary>
        public static IEnumerable<Decl> Unreferenced(IEnumerable<Decl> decls, IReadOnlyDictionary<string, Decl> blocks)
        {
            var called = new HashSet<string>();
            var all = new List<Decl>(decls);
            foreach (var decl in all) Collect(decl.Body, called);
            foreach (var decl in all)
            {
                if (!decl.IsModel && blocks.TryGetValue(decl.Name, out var block) && ReferenceEquals(block, decl) && !called.Contains(decl.Name)) yield return decl;
            }
        }

        private static void Collect(IReadOnlyList<Stmt> body, HashSet<string> called)
        {
            foreach (var stmt in body)
            {
                switch (stmt)
                {
                    case CallStmt call: called.Add(call.Name); break;
                    case GroupStmt group: Collect(group.Body, called); break;
                    case IfStmt cond: Collect(cond.Then, called); Collect(cond.Else, called); break;
                    case RepeatStmt repeat: Collect(repeat.Body, called); break;
                    case ForkStmt fork: foreach (var branch in fork.Branches) Collect(branch, called); break;
                    case ResidualStmt residual: Collect(residual.Body, called); break;
                }
            }
        }

        private static void Walk(IReadOnlyList<Stmt> body, IReadOnlyDictionary<string, Decl> blocks, List<SpecDiagnostic> diagnostics)
        {
            foreach (var stmt in body)
            {
                switch (stmt)
                {
                    case CallStmt call:
                        if (!blocks.ContainsKey(call.Name) && !LayerCatalog.TryGet(call.Name, out _))
                        {
                            var isBlock = call.Name.Length > 0 && char.IsUpper(call.Name[0]);
                            diagnostics.Add(SpecDiagnostic.Create(isBlock ? DiagnosticCatalog.UnknownBlock : DiagnosticCatalog.UnknownLayer, call.NameSpan, call.Name));
                        }
                        break;
                    case GroupStmt group:
                        Walk(group.Body, blocks, diagnostics);
                        break;
                    case IfStmt cond:
                        Walk(cond.Then, blocks, diagnostics);
                        Walk(cond.Else, blocks, diagnostics);
                        break;
                    case RepeatStmt repeat:
                        Walk(repeat.Body, blocks, diagnostics);
                        break;
                    case ForkStmt fork:
                        foreach (var branch in fork.Branches) Walk(branch, blocks, diagnostics);
                        break;
                    case ResidualStmt residual:
                        Walk(residual.Body, blocks, diagnostics);
                        break;
                }
            }
        }
    }
}
