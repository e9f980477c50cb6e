BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-HyprModuleManifest
    $script:module = Import-Module $manifestPath -PassThru -Force
}

Describe 'The built module' {
    It 'has a valid manifest' {
        $manifest = Test-ModuleManifest -Path $manifestPath
        $manifest.Name | Should -Be 'HyprAuth'
        $manifest.Version | Should -Not -Be ([version]'0.0.0')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.RequiredAssemblies | Should -BeNullOrEmpty
    }

    It 'takes its version from Directory.Build.props' {
        $props = [xml](Get-Content (Join-Path $PSScriptRoot '../Directory.Build.props') -Raw)
        $module.Version | Should -Be ([version]$props.SelectSingleNode('/Project/PropertyGroup/HyprAuthVersion').InnerText)
    }

    It 'exports exactly the cmdlets HyprAuth.dll defines' {
        $defined = [System.Reflection.Assembly]::LoadFrom((Join-Path $module.ModuleBase 'HyprAuth.dll')).GetExportedTypes() |
            Where-Object { $_.IsSubclassOf([System.Management.Automation.Cmdlet]) -and -not $_.IsAbstract } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        $exported = (Import-PowerShellDataFile $manifestPath).CmdletsToExport
        $exported | Sort-Object | Should -Be ($defined | Sort-Object)
        $module.ExportedCmdlets.Keys | Sort-Object | Should -Be ($defined | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($name in $module.ExportedCmdlets.Keys) {
            $approved | Should -Contain ($name -split '-')[0]
        }
    }

    It 'declares [OutputType] on every cmdlet' {
        foreach ($command in $module.ExportedCmdlets.Values) {
            $command.OutputType | Should -Not -BeNullOrEmpty -Because "$($command.Name) should declare its output"
        }
    }

    It 'lays out the engine under Dependencies/: netstandard2.0 for Windows PowerShell, net8.0/ for PowerShell 7' {
        function Get-TargetFramework([string] $Path) {
            $stream = [System.IO.File]::OpenRead($Path)
            $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            try {
                $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
                foreach ($handle in $metadata.GetAssemblyDefinition().GetCustomAttributes()) {
                    $attribute = $metadata.GetCustomAttribute($handle)
                    $type = $metadata.GetTypeReference($metadata.GetMemberReference($attribute.Constructor).Parent)
                    if ($metadata.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                        # The blob: prolog (2 bytes), then the framework name as a length-prefixed UTF-8 string.
                        $blob = $metadata.GetBlobReader($attribute.Value)
                        $null = $blob.ReadUInt16()
                        return $blob.ReadSerializedString()
                    }
                }
            }
            finally { $reader.Dispose() }
        }
        $dependencies = Join-Path $module.ModuleBase 'Dependencies'
        Get-TargetFramework (Join-Path $dependencies 'HyprAuth.Core.dll') | Should -Be '.NETStandard,Version=v2.0'
        Get-TargetFramework (Join-Path $dependencies 'net8.0/HyprAuth.Core.dll') | Should -Be '.NETCoreApp,Version=v8.0'
        Join-Path $dependencies 'net8.0/HyprAuth.Loader.dll' | Should -Exist
        Join-Path $dependencies 'HyprAuth.Loader.dll' | Should -Not -Exist -Because 'Windows PowerShell cannot load the net8.0 loader'
        Join-Path $dependencies 'Microsoft.IdentityModel.Tokens.dll' | Should -Exist
        Join-Path $dependencies 'net8.0/Microsoft.IdentityModel.Tokens.dll' | Should -Exist
        Join-Path $module.ModuleBase 'HyprAuth.Core.dll' | Should -Not -Exist
    }

    It 'ships precompiled (ReadyToRun) engine images for PowerShell 7 and keeps IL copies for Windows PowerShell' {
        function Test-ReadyToRun([string] $Path) {
            $stream = [System.IO.File]::OpenRead($Path)
            $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            try { return $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 } finally { $reader.Dispose() }
        }
        $dependencies = Join-Path $module.ModuleBase 'Dependencies'
        $readyToRun = Split-Path (Join-Path $module.ModuleBase (Get-EngineRelativePath))
        foreach ($name in @('HyprAuth.Core.dll', 'Microsoft.IdentityModel.Tokens.dll')) {
            Test-ReadyToRun (Join-Path $readyToRun $name) | Should -BeTrue -Because "$name is precompiled for this runtime"
            Test-ReadyToRun (Join-Path $dependencies $name) | Should -BeFalse -Because 'Windows PowerShell loads the IL copy'
            Test-ReadyToRun (Join-Path $dependencies "net8.0/$name") | Should -BeFalse -Because 'other platforms load the IL copy'
        }
        # The root module is loaded by both editions: IL only.
        Test-ReadyToRun (Join-Path $module.ModuleBase 'HyprAuth.dll') | Should -BeFalse
        @(Get-ChildItem (Join-Path $dependencies 'ReadyToRun') -Directory).Name | Should -Contain (Split-Path $readyToRun -Leaf)
    }
}

Describe 'Argument completion' {
    BeforeAll {
        $script:emulator = Start-TestEmulator
        $script:client = New-EmulatorClient $emulator
        $null = Get-HyprAccessToken -TenantUri $emulator.BaseUri -ClientId $client.clientId -ClientKey $client.clientKey

        function Get-Completions([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        }
    }

    AfterAll {
        Stop-HyprEmulator $emulator
    }

    It 'completes -TenantUri from the token cache' {
        Get-Completions 'Get-HyprAccessToken -TenantUri http://127' | Should -Contain "'$($emulator.BaseUri)'"
    }

    It 'completes -ClientId from the token cache, for the tenant given' {
        Get-Completions "Invoke-HyprApi -TenantUri $($emulator.BaseUri) -ClientId hypap-" | Should -Contain "'$($client.clientId)'"
        Get-Completions 'Clear-HyprTokenCache -TenantUri https://elsewhere.example -ClientId hypap-' | Should -BeNullOrEmpty
    }

    It 'completes -TenantUri and -ClientId with the runspace''s connection, even once its cache entry is gone' {
        $connected = New-EmulatorClient $emulator
        Connect-Hypr -TenantUri $emulator.BaseUri -ClientId $connected.clientId -ClientKey $connected.clientKey
        try {
            $null = Clear-HyprTokenCache -ClientId $connected.clientId -Location Process
            Get-HyprTokenCache -ClientId $connected.clientId | Should -BeNullOrEmpty
            Get-Completions "Connect-Hypr -TenantUri $($emulator.BaseUri) -ClientId hypap-" | Should -Contain "'$($connected.clientId)'"
            Get-Completions 'Connect-Hypr -TenantUri http://127' | Should -Contain "'$($emulator.BaseUri)'"
        }
        finally { Disconnect-Hypr }
    }

    It 'completes Invoke-HyprApi -Path with HYPR''s API paths' {
        Get-Completions 'Invoke-HyprApi -Path /rp/api/bulk/' | Should -Contain "'/rp/api/bulk/HYPRDefaultApplication/introspect'"
        Get-Completions 'Invoke-HyprApi -Path /cc/' | Should -Be @("'/cc/api/application'", "'/cc/api/versioned/audit/search'")
        Get-Completions 'Invoke-HyprApi -Path /' | Should -Contain "'/cc/api/versioned/audit/search'"
    }

    It 'completes -ClientId after a -TenantUri typed as host:port, quoted, or with a trailing slash' {
        $authority = ([uri]$emulator.BaseUri).Authority
        foreach ($typed in $authority, "'$($emulator.BaseUri)/'", "$($emulator.BaseUri)/") {
            Get-Completions "Get-HyprAccessToken -TenantUri $typed -ClientId hypap-" |
                Should -Contain "'$($client.clientId)'" -Because "-TenantUri $typed"
        }
    }

    It 'completes New-HyprClientAssertion -ClientId from the token cache, as Get-HyprAccessToken does' {
        Get-Completions 'New-HyprClientAssertion -ClientId hypap-' | Should -Contain "'$($client.clientId)'"
    }

    It 'completes -GrantType with the grant types, not file names (<Command>)' -ForEach @(
        @{ Command = 'Get-HyprAccessToken' }, @{ Command = 'Invoke-HyprApi' }, @{ Command = 'Connect-Hypr' }
    ) {
        Get-Completions "$Command -GrantType " | Should -Be @("'authorization_code'", "'client_credentials'")
        Get-Completions "$Command -GrantType client" | Should -Be @("'client_credentials'")
    }

    It 'completes -Path with the routes of every rpAppId this process has called with success' {
        Get-Completions 'Invoke-HyprApi -Path /rp/api/bulk/' | Should -Contain "'/rp/api/bulk/HYPRDefaultApplication/fetch'"
        $app = New-EmulatorClient $emulator @{ rpAppIds = @('HYPRDefaultApplication', 'PayrollApp') }
        $token = Get-HyprAccessToken -TenantUri $emulator.BaseUri -ClientId $app.clientId -ClientKey $app.clientKey
        Get-Completions 'Invoke-HyprApi -Path /rp/api/bulk/Pay' | Should -BeNullOrEmpty -Because 'not called yet'
        $null = Invoke-HyprApi -Path /rp/api/bulk/PayrollApp/introspect -AccessToken $token
        Get-Completions 'Invoke-HyprApi -Path /rp/api/bulk/Pay' |
            Should -Be @("'/rp/api/bulk/PayrollApp/fetch'", "'/rp/api/bulk/PayrollApp/introspect'")
    }
}
