# Dependency isolation on PowerShell 7: HyprAuth's engine and its Microsoft.IdentityModel.* live in a private
# AssemblyLoadContext named "HyprAuth", so another module's versions (7.7.1 here, as Az.Accounts and Microsoft.Graph
# load) never meet ours, whichever loads first. Each case runs in a fresh PowerShell (a process loads an assembly
# once, for good); the emulator runs here and the child gets the tenant and the client's key through environment
# variables, never on its command line. The child's last stdout line is a JSON result.
BeforeDiscovery {
    # Windows PowerShell 5.1 has no load contexts: there the AssemblyResolve fallback is best effort, by design.
    $script:isDesktop = $PSVersionTable.PSEdition -eq 'Desktop'
}

Describe 'Dependency isolation (PowerShell 7)' -Skip:$isDesktop {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        if (-not $env:HYPRAUTH_NUGET_PACKAGES) { throw 'HYPRAUTH_NUGET_PACKAGES is not set (run the tests through build.ps1 -Task Test).' }
        $script:emulator = Start-TestEmulator

        # Shared by every child script (after tests/ChildFlow.ps1's Invoke-HyprFlow): the load contexts as plain strings.
        $script:prologue = @'
function Get-ContextAssemblies([System.Runtime.Loader.AssemblyLoadContext] $Context) {
    @($Context.Assemblies | ForEach-Object { $n = $_.GetName(); '{0}/{1}' -f $n.Name, $n.Version })
}
function Get-HyprContexts { @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'HyprAuth' }) }
function Import-IdentityModel771 {
    foreach ($name in 'Abstractions', 'Logging', 'Tokens') {
        $id = "Microsoft.IdentityModel.$name"
        $path = Join-Path $env:HYPRAUTH_NUGET_PACKAGES "$($id.ToLowerInvariant())/7.7.1/lib/net8.0/$id.dll"
        [void][System.Reflection.Assembly]::LoadFrom($path)
    }
    # Use it, as another module would: the type literal resolves in the default context.
    $key = [Microsoft.IdentityModel.Tokens.SymmetricSecurityKey]::new([byte[]]::new(32))
    [ordered]@{
        KeySize = $key.KeySize
        Version = $key.GetType().Assembly.GetName().Version.ToString()
        Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($key.GetType().Assembly).Name
    }
}
'@

        function Invoke-IsolationChild([string] $Script, [object] $Client, [int] $TimeoutSeconds = 120) {
            Invoke-HyprFlowChild -Emulator $emulator -Client $Client -Script ($prologue + "`n" + $Script) -TimeoutSeconds $TimeoutSeconds
        }

        function Assert-Flow($Flow, $Client) {
            $Flow.AssertionClientId | Should -Be $Client.clientId
            $Flow.TokenClientId | Should -Be $Client.clientId
            $Flow.RpAppId | Should -Be 'HYPRDefaultApplication'
            $Flow.Entities | Should -Contain 'users'
        }
    }

    AfterAll {
        Stop-HyprEmulator $emulator
    }

    It 'runs the whole flow when Microsoft.IdentityModel 7.7.1 was loaded first' {
        $client = New-EmulatorClient $emulator
        $result = Invoke-IsolationChild -Client $client -Script @'
$before = Import-IdentityModel771
$defaultBefore = Get-ContextAssemblies ([System.Runtime.Loader.AssemblyLoadContext]::Default)
Import-Module $env:HYPRAUTH_TEST_MANIFEST
$flow = Invoke-HyprFlow
[ordered]@{
    Before        = $before
    DefaultBefore = $defaultBefore
    DefaultAfter  = Get-ContextAssemblies ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    Hypr          = @(Get-HyprContexts | ForEach-Object { Get-ContextAssemblies $_ })
    Flow          = $flow
} | ConvertTo-Json -Compress -Depth 5
'@
        $result.Before.Version | Should -Be '7.7.1.0'
        $result.Before.Context | Should -Be 'Default'
        $result.Before.KeySize | Should -Be 256
        foreach ($name in 'Abstractions', 'Logging', 'Tokens') {
            $result.DefaultBefore | Should -Contain "Microsoft.IdentityModel.$name/7.7.1.0"
        }
        Assert-Flow $result.Flow $client
        $result.Flow.FromCache | Should -BeFalse
        # Ours did not replace theirs in the default context; it went next to it.
        @($result.DefaultAfter -like 'Microsoft.IdentityModel.Tokens/*') | Should -Be @('Microsoft.IdentityModel.Tokens/7.7.1.0')
        @($result.Hypr -like 'Microsoft.IdentityModel.Tokens/8.23.*').Count | Should -Be 1
    }

    It 'keeps Microsoft.IdentityModel 7.7.1 usable when it loads after HyprAuth' {
        $client = New-EmulatorClient $emulator
        $result = Invoke-IsolationChild -Client $client -Script @'
Import-Module $env:HYPRAUTH_TEST_MANIFEST
$first = Invoke-HyprFlow
$after = Import-IdentityModel771
# HyprAuth still works with the other version now loaded (the cache answers, and the API call goes out again).
$second = Invoke-HyprFlow
[ordered]@{ First = $first; After = $after; Second = $second } | ConvertTo-Json -Compress -Depth 5
'@
        Assert-Flow $result.First $client
        $result.First.FromCache | Should -BeFalse
        $result.After.Version | Should -Be '7.7.1.0'
        $result.After.Context | Should -Be 'Default'
        $result.After.KeySize | Should -Be 256
        Assert-Flow $result.Second $client
        $result.Second.FromCache | Should -BeTrue
    }

    It 'loads the engine and its dependencies into the HyprAuth load context, and framework assemblies from the default one' {
        $client = New-EmulatorClient $emulator
        $result = Invoke-IsolationChild -Client $client -Script @'
Import-Module $env:HYPRAUTH_TEST_MANIFEST
$flow = Invoke-HyprFlow
$contexts = @(Get-HyprContexts)
$core = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'HyprAuth.Core' })
[ordered]@{
    Flow              = $flow
    HyprContextCount  = $contexts.Count
    Hypr              = @($contexts | ForEach-Object { Get-ContextAssemblies $_ })
    Default           = Get-ContextAssemblies ([System.Runtime.Loader.AssemblyLoadContext]::Default)
    CoreLocation      = @($core | ForEach-Object { $_.Location })
    ModuleBase        = (Get-Module HyprAuth).ModuleBase
    CmdletsContext    = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([HyprAuth.HyprAccessToken].Assembly).Name
    TextJsonContexts  = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' } |
        ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name })
} | ConvertTo-Json -Compress -Depth 5
'@
        Assert-Flow $result.Flow $client
        $result.HyprContextCount | Should -Be 1
        $result.Hypr | Should -Contain "HyprAuth.Core/$((Import-PowerShellDataFile (Get-HyprModuleManifest)).ModuleVersion).0"
        @($result.Hypr -like 'Microsoft.IdentityModel.Tokens/8.23.*').Count | Should -Be 1
        @($result.Default -like 'HyprAuth.Core/*') | Should -BeNullOrEmpty
        @($result.Default -like 'Microsoft.IdentityModel.*') | Should -BeNullOrEmpty
        @($result.CoreLocation).Count | Should -Be 1
        $result.CoreLocation[0] | Should -Be (Join-Path $result.ModuleBase (Get-EngineRelativePath))
        # The types users see (and name in type literals) live in HyprAuth.dll, in the default context.
        $result.CmdletsContext | Should -Be 'Default'
        # A framework assembly comes from the default context, even though Dependencies/ may carry a copy.
        @($result.Hypr -like 'System.Text.Json/*') | Should -BeNullOrEmpty
        $result.TextJsonContexts | Should -Be @('Default')
    }

    It 'shares one engine and one token cache between runspaces of a process' {
        $client = New-EmulatorClient $emulator
        $result = Invoke-IsolationChild -Client $client -Script @'
$perRunspace = foreach ($i in 1, 2) {
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $runspace
        [void]$shell.AddScript({
            $ErrorActionPreference = 'Stop'
            Import-Module $env:HYPRAUTH_TEST_MANIFEST
            $key = ConvertTo-SecureString -String $env:HYPRAUTH_TEST_CLIENT_KEY -AsPlainText -Force
            $token = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key
            Connect-Hypr -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key
            $introspection = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
            [ordered]@{ Runspace = [runspace]::DefaultRunspace.InstanceId.ToString(); FromCache = $token.FromCache; RpAppId = $introspection.rpAppId }
        })
        $output = $shell.Invoke()
        if ($shell.HadErrors) { throw "Runspace ${i}: $($shell.Streams.Error | Out-String)" }
        $output[0]
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}
[ordered]@{
    Runspaces        = @($perRunspace)
    HyprContextCount = @(Get-HyprContexts).Count
    CoreCount        = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'HyprAuth.Core' }).Count
} | ConvertTo-Json -Compress -Depth 5
'@
        $result.Runspaces.Count | Should -Be 2
        $result.Runspaces[0].Runspace | Should -Not -Be $result.Runspaces[1].Runspace
        $result.Runspaces[0].FromCache | Should -BeFalse
        $result.Runspaces[1].FromCache | Should -BeTrue
        $result.Runspaces.RpAppId | Should -Be @('HYPRDefaultApplication', 'HYPRDefaultApplication')
        $result.HyprContextCount | Should -Be 1
        $result.CoreCount | Should -Be 1
        (Get-EmulatorCounters $emulator).exchanges.($client.clientId) | Should -Be 1
    }
}
