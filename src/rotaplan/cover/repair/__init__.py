"""The rota generator's repair of a published rota, from the gap an absence left: found
in the background, shown in words, applied by a coordinator as one new version."""
