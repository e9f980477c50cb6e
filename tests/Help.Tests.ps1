# Help of the built module: Get-Help shows what docs/ says, and docs/ says what the cmdlets really are (drift).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-HyprModuleManifest) -Force -PassThru
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters

    $script:commands = foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
        # What PlatyPS documents: every parameter but the common ones, so -WhatIf and -Confirm too.
        $parameters = (Get-Command $name).Parameters.Keys | Where-Object { $commonParameters -notcontains $_ } | Sort-Object
        @{ Name = $name; Parameters = @($parameters | ForEach-Object { @{ Parameter = $_ } }) }
    }
    $script:pages = Get-ChildItem (Join-Path $PSScriptRoot '../docs') -Filter '*.md' |
        Where-Object { $_.Name -notlike 'about_*' -and $_.BaseName -like '*-*' } |
        ForEach-Object { @{ Page = $_.Name; Name = $_.BaseName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:module = Import-Module (Get-HyprModuleManifest) -Force -PassThru
    Import-Module (Join-Path $PSScriptRoot '../build/HelpConverter.psm1') -Force
    $script:docsPath = Join-Path $PSScriptRoot '../docs'

    function Get-PipelineInput($SetMetadata) {
        # As PlatyPS writes "Accept pipeline input".
        if ($SetMetadata.ValueFromPipeline -and $SetMetadata.ValueFromPipelineByPropertyName) { return 'True (ByPropertyName, ByValue)' }
        if ($SetMetadata.ValueFromPipeline) { return 'True (ByValue)' }
        if ($SetMetadata.ValueFromPipelineByPropertyName) { return 'True (ByPropertyName)' }
        return 'False'
    }

    function Get-DeclaredBinding($Parameter) {
        # One line per parameter set: how the cmdlet binds the parameter there.
        foreach ($set in $Parameter.ParameterSets.GetEnumerator()) {
            $setName = $set.Key
            if ($setName -eq '__AllParameterSets') { $setName = '(All)' }
            $position = 'Named'
            if ($set.Value.Position -ge 0) { $position = [string]$set.Value.Position }
            '{0}: Required={1} Position={2} Pipeline={3}' -f $setName, $set.Value.IsMandatory, $position, (Get-PipelineInput $set.Value)
        }
    }

    function Get-DocumentedBinding($Parameter) {
        # The same lines from the page's yaml blocks.
        foreach ($binding in $Parameter.Bindings) {
            foreach ($setName in $binding.ParameterSets) {
                '{0}: Required={1} Position={2} Pipeline={3}' -f $setName, $binding.Required, $binding.Position, $binding.PipelineInput
            }
        }
    }

    function Get-TypeName([type] $Type) {
        # As PlatyPS writes "Type": the short name, Nullable<T> as T.
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($null -ne $underlying) { return $underlying.Name }
        return $Type.Name
    }
}

Describe 'The help of <Name>' -ForEach $commands {
    BeforeAll {
        $script:command = Get-Command $Name
        $script:pagePath = Join-Path $docsPath "$Name.md"
        $script:page = $null
        if (Test-Path -LiteralPath $pagePath) { $script:page = Read-HyprHelpMarkdown -Path $pagePath }
        $script:help = Get-Help $Name -Full
    }

    It 'has a page in docs/' {
        $pagePath | Should -Exist
    }

    It 'shows the synopsis of its page in Get-Help, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        $help.Synopsis.Trim() | Should -Be ($page.Synopsis -join [Environment]::NewLine)
    }

    It 'shows a description' {
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'shows at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            ($example.remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs an explanation"
        }
    }

    It 'shows -<Parameter> with a description' -ForEach $Parameters {
        $shown = @($help.parameters.parameter | Where-Object { $_.name -eq $Parameter })
        $shown.Count | Should -Be 1 -Because "Get-Help $Name should list -$Parameter"
        ($shown[0].description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'documents exactly the public parameters of the cmdlet (drift)' {
        $declared = @($Parameters | ForEach-Object { $_.Parameter } | Sort-Object)
        $documented = @($page.Parameters | ForEach-Object Name | Sort-Object)
        Compare-Object $declared $documented | ForEach-Object {
            if ($_.SideIndicator -eq '<=') { "-$($_.InputObject) is not documented" } else { "-$($_.InputObject) is documented but does not exist" }
        } | Should -BeNullOrEmpty
    }

    It 'documents -<Parameter> as the cmdlet declares it: aliases, type, required, position, pipeline input (drift)' -ForEach $Parameters {
        $declared = $command.Parameters[$Parameter]
        $documented = $page.Parameters | Where-Object Name -EQ $Parameter
        $documented | Should -Not -BeNullOrEmpty -Because "docs/$Name.md should document -$Parameter"
        foreach ($binding in $documented.Bindings) {
            @($binding.Aliases | Sort-Object) | Should -Be @($declared.Aliases | Sort-Object) -Because "the Aliases of -$Parameter"
            $binding.Type | Should -Be (Get-TypeName $declared.ParameterType) -Because "the Type of -$Parameter"
        }
        @(Get-DocumentedBinding $documented | Sort-Object) | Should -Be @(Get-DeclaredBinding $declared | Sort-Object)
    }

    It 'documents the parameter sets of the cmdlet under SYNTAX (drift)' {
        $declared = @($command.ParameterSets | ForEach-Object { if ($_.Name -eq '__AllParameterSets') { '(All)' } else { $_.Name } } | Sort-Object)
        @($page.ParameterSets | Sort-Object) | Should -Be $declared
    }

    It 'documents the output types the cmdlet declares (drift)' {
        @($page.Outputs | ForEach-Object Type | Sort-Object) | Should -Be @($command.OutputType | ForEach-Object Name | Sort-Object)
    }
}

Describe 'docs/<Page>' -ForEach $pages {
    It 'documents a cmdlet the module exports' {
        $module.ExportedCmdlets.Keys | Should -Contain $Name
        (Read-HyprHelpMarkdown -Path (Join-Path $docsPath $Page)).Name | Should -Be $Name
    }
}

Describe 'about_HyprAuth' {
    It 'is in the module''s en-US folder' {
        Join-Path $module.ModuleBase 'en-US/about_HyprAuth.help.txt' | Should -Exist
    }

    It 'is shown by Get-Help about_HyprAuth' {
        # Get-Help finds about_ topics in the folders of imported modules (and of modules on PSModulePath).
        $text = Get-Help about_HyprAuth | Out-String
        $text | Should -Match 'TOPIC\s+about_HyprAuth'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match '1201093'
    }

    It 'is listed, with its short description, by Get-Help about_*' {
        $topic = Get-Help -Name 'about_Hypr*' -Category HelpFile | Where-Object Name -EQ 'about_HyprAuth'
        $topic.Synopsis | Should -BeLike '*HYPR*'
    }
}
