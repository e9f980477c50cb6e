// The namespaces nearly every file of the cmdlet layer used, named once (what the SDK's ImplicitUsings does for
// System, System.Collections.Generic and System.Linq, plus PowerShell's and this assembly's own); the engine's
// namespaces stay in each file, so a file still says which parts of the engine it reaches into.
global using System;
global using System.Collections.Generic;
global using System.Linq;
global using System.Management.Automation;
global using HyprAuth.Errors;
global using HyprAuth.Internal;
