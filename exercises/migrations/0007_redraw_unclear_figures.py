"""Redraw the catalog figures that did not read at a glance as their exercise.

The piriformis stretch, the reclining twist, the seated twist and the pigeon get new poses (and
words to match). Six more keep their key poses but have an angle written the short way round
(-40 rather than 320), so a limb no longer spins between poses. An exercise whose figure is
still exactly the old drawing gets the new one; a figure a clinician has edited since is theirs
and is left alone. Both drawings are written out here, so this migration does the same thing
whatever the catalog fixture says later.
"""

from django.db import migrations

OLD = {
    "childs-pose-to-upward-dog": {
        "view": "side",
        "description": "Flowing from child's pose, sitting back on the heels with "
        "the arms stretched forward, to upward dog, hips low and "
        "chest lifted on straight arms",
        "moving": ["torso"],
        "arrow": "shoulder",
        "tempo": 6,
        "poses": [
            {
                "name": "Child's pose",
                "hip": [45, 18],
                "torso": -20,
                "bend": 0.25,
                "head": -15,
                "arm": [-5, 0],
                "leg": [-35.7, 180, 180],
            },
            {
                "name": "Hands and knees",
                "hip": [50, 27],
                "torso": 11,
                "head": 20,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Upward dog",
                "hip": [62, 11],
                "torso": 50,
                "bend": -0.3,
                "head": 80,
                "arm": [-87, -87],
                "leg": [-175, -170, 180],
            },
        ],
    },
    "downward-dog": {
        "view": "side",
        "description": "From hands and knees, pushing the hips up and back so the "
        "body makes an upside-down V",
        "moving": ["torso", "legs"],
        "arrow": "hip",
        "poses": [
            {
                "name": "Start",
                "hip": [50, 27],
                "torso": 11,
                "head": 10,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [58, 50],
                "torso": -45,
                "head": -60,
                "arm": [-50, -50],
                "leg": [-112, -112, -20],
            },
        ],
    },
    "pigeon": {
        "view": "side",
        "description": "The front leg folded under the body and the back leg "
        "stretched straight behind, chest up on straight arms",
        "moving": ["legs"],
        "arrow": "hip",
        "poses": [
            {
                "name": "Start",
                "hip": [55, 27],
                "torso": 11,
                "head": 10,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [55, 10],
                "torso": 65,
                "head": 85,
                "arm": [-80, -85],
                "leg": [-12, 178, 180],
                "far_leg": [-176, 180, 180],
            },
        ],
    },
    "piriformis-stretch": {
        "view": "above",
        "description": "Seen from above, lying on the back, one knee bent and "
        "guided across the body, one hand on the knee and the other "
        "on the ankle",
        "moving": ["leg"],
        "arrow": "knee",
        "poses": [
            {
                "name": "Start",
                "hip": [62, 50],
                "torso": 0,
                "head": 0,
                "arm": [165, 175],
                "far_arm": [195, 185],
                "leg": [176, 180, 180],
                "far_leg": [184, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [62, 50],
                "torso": 0,
                "head": 0,
                "arm": [-105, -80],
                "far_arm": [215, 170],
                "leg": [-40, 195, 195],
                "far_leg": [184, 180, 180],
            },
        ],
    },
    "press-up-on-straight-arms": {
        "view": "side",
        "description": "Lying face down, pushing the chest up on straight arms "
        "while the hips stay on the mat",
        "moving": ["torso", "arms"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [58, 5.5],
                "torso": 0,
                "head": 0,
                "arm": [150, -45],
                "leg": [185, 180, 180],
            },
            {
                "name": "Top",
                "hip": [58, 5.5],
                "torso": 52,
                "bend": -0.35,
                "head": 75,
                "arm": [300, 300],
                "leg": [185, 180, 180],
            },
        ],
    },
    "reclining-twist": {
        "view": "above",
        "description": "Seen from above, lying on the back with the arms out wide: "
        "the bent knees drop to one side while both shoulders stay "
        "down",
        "moving": ["legs"],
        "arrow": "knee",
        "poses": [
            {
                "name": "Start",
                "hip": [62, 48],
                "torso": 0,
                "head": 0,
                "arm": [90, 90],
                "far_arm": [-90, -90],
                "leg": [178, 180, 180],
                "far_leg": [182, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [62, 48],
                "torso": 0,
                "head": 35,
                "arm": [90, 90],
                "far_arm": [-90, -90],
                "leg": [-80, 190, 190],
                "far_leg": [-100, 185, 185],
            },
        ],
    },
    "seated-hamstring-stretch": {
        "view": "side",
        "description": "Sitting with both legs straight out in front, leaning "
        "forward from the hips and reaching toward the toes",
        "moving": ["torso", "arms"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [45, 6],
                "torso": 90,
                "head": 90,
                "arm": [285, 0],
                "leg": [0, 0, 90],
            },
            {
                "name": "Hold",
                "hip": [45, 6],
                "torso": 32,
                "bend": 0.25,
                "head": 15,
                "arm": [-5, -5],
                "leg": [0, 0, 90],
            },
        ],
    },
    "seated-twist": {
        "view": "side",
        "description": "Sitting tall with one knee bent over the straight leg, "
        "turning the chest toward the bent knee, one hand on the "
        "floor behind",
        "moving": ["torso", "far_arm"],
        "arrow": "far_wrist",
        "poses": [
            {
                "name": "Start",
                "hip": [50, 6],
                "torso": 90,
                "head": 90,
                "arm": [280, 0],
                "far_arm": [280, 0],
                "leg": [0, 0, 90],
                "far_leg": [0, 0, 90],
            },
            {
                "name": "Hold",
                "hip": [50, 6],
                "torso": 100,
                "head": 150,
                "arm": [-40, -80],
                "far_arm": [240, 265],
                "leg": [50, -70, 0],
                "far_leg": [0, 0, 90],
            },
        ],
    },
    "sphinx": {
        "view": "side",
        "description": "Lying face down, resting on the forearms with the chest "
        "lifted gently and the belly on the mat",
        "moving": ["torso"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [58, 5.5],
                "torso": 0,
                "head": -5,
                "arm": [0, 170],
                "leg": [185, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [58, 5.5],
                "torso": 22,
                "bend": -0.2,
                "head": 55,
                "arm": [290, 0],
                "leg": [185, 180, 180],
            },
        ],
    },
    "walking": {
        "view": "side",
        "description": "Walking tall, one leg striding forward while the opposite arm swings",
        "moving": ["legs", "arms"],
        "arrow": "far_knee",
        "tempo": 1.2,
        "poses": [
            {
                "name": "Stride",
                "hip": [75, 46],
                "torso": 87,
                "head": 85,
                "arm": [250, 265],
                "far_arm": [290, 310],
                "leg": [295, 270, 10],
                "far_leg": [245, 235, 320],
            },
            {
                "name": "Other stride",
                "hip": [79, 46],
                "torso": 87,
                "head": 85,
                "arm": [290, 310],
                "far_arm": [250, 265],
                "leg": [245, 235, 320],
                "far_leg": [295, 270, 10],
            },
        ],
    },
}

NEW = {
    "childs-pose-to-upward-dog": {
        "view": "side",
        "description": "Flowing from child's pose, sitting back on the heels with "
        "the arms stretched forward, to upward dog, hips low and "
        "chest lifted on straight arms",
        "moving": ["torso"],
        "arrow": "shoulder",
        "tempo": 6,
        "poses": [
            {
                "name": "Child's pose",
                "hip": [45, 18],
                "torso": -20,
                "bend": 0.25,
                "head": -15,
                "arm": [-5, 0],
                "leg": [-35.7, 180, 180],
            },
            {
                "name": "Hands and knees",
                "hip": [50, 27],
                "torso": 11,
                "head": 20,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Upward dog",
                "hip": [62, 11],
                "torso": 50,
                "bend": -0.3,
                "head": 80,
                "arm": [-87, -87],
                "leg": [-175, 190, 180],
            },
        ],
    },
    "downward-dog": {
        "view": "side",
        "description": "From hands and knees, pushing the hips up and back so the "
        "body makes an upside-down V",
        "moving": ["torso", "legs"],
        "arrow": "hip",
        "poses": [
            {
                "name": "Start",
                "hip": [50, 27],
                "torso": 11,
                "head": 10,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [58, 50],
                "torso": -45,
                "head": -60,
                "arm": [-50, -50],
                "leg": [-112, 248, -20],
            },
        ],
    },
    "pigeon": {
        "view": "side",
        "description": "From hands and knees to pigeon: the front leg folded on the "
        "mat under the chest, the back leg stretched straight "
        "behind, chest up on straight arms",
        "moving": ["legs"],
        "arrow": "ankle",
        "poses": [
            {
                "name": "Start",
                "hip": [62, 27],
                "torso": 11,
                "head": 10,
                "arm": [-90, -90],
                "leg": [-90, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [62, 7],
                "torso": 72,
                "bend": -0.12,
                "head": 84,
                "arm": [-72, -80],
                "leg": [-178, 180, 180],
                "far_leg": [-4, 178, 200],
            },
        ],
    },
    "piriformis-stretch": {
        "view": "above",
        "description": "Seen from above, lying on the back: one knee bent and drawn "
        "across the body toward the other leg, the hand on the same side "
        "guiding it, the other leg long on the mat",
        "moving": ["leg"],
        "arrow": "knee",
        "poses": [
            {
                "name": "Start",
                "hip": [62, 50],
                "torso": 0,
                "head": 0,
                "arm": [172, 178],
                "far_arm": [188, 182],
                "leg": [177, 180, 180],
                "far_leg": [183, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [62, 50],
                "torso": 0,
                "head": 0,
                "arm": [230.8, 228.3],
                "far_arm": [195, 196],
                "leg": [288, 190, 190],
                "far_leg": [183, 180, 180],
            },
        ],
    },
    "press-up-on-straight-arms": {
        "view": "side",
        "description": "Lying face down, pushing the chest up on straight arms "
        "while the hips stay on the mat",
        "moving": ["torso", "arms"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [58, 5.5],
                "torso": 0,
                "head": 0,
                "arm": [150, -45],
                "leg": [185, 180, 180],
            },
            {
                "name": "Top",
                "hip": [58, 5.5],
                "torso": 52,
                "bend": -0.35,
                "head": 75,
                "arm": [300, -60],
                "leg": [185, 180, 180],
            },
        ],
    },
    "reclining-twist": {
        "view": "above",
        "description": "Seen from above, lying on the back with the arms out wide "
        "and the knees together: both knees drop to one side while "
        "the shoulders stay on the mat and the head turns the other "
        "way",
        "moving": ["legs"],
        "arrow": "knee",
        "poses": [
            {
                "name": "Start",
                "hip": [62, 48],
                "torso": 0,
                "head": 0,
                "arm": [90, 90],
                "far_arm": [-90, -90],
                "leg": [176, 180, 180],
                "far_leg": [184, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [62, 48],
                "torso": 0,
                "head": 40,
                "arm": [90, 90],
                "far_arm": [-90, -90],
                "leg": [265, 195, 195],
                "far_leg": [250, 190, 190],
            },
        ],
    },
    "seated-hamstring-stretch": {
        "view": "side",
        "description": "Sitting with both legs straight out in front, leaning "
        "forward from the hips and reaching toward the toes",
        "moving": ["torso", "arms"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [45, 6],
                "torso": 90,
                "head": 90,
                "arm": [285, 0],
                "leg": [0, 0, 90],
            },
            {
                "name": "Hold",
                "hip": [45, 6],
                "torso": 32,
                "bend": 0.25,
                "head": 15,
                "arm": [355, -5],
                "leg": [0, 0, 90],
            },
        ],
    },
    "seated-twist": {
        "view": "side",
        "description": "Sitting tall with one knee bent up and that foot flat "
        "beside the straight leg, the opposite arm hugging the knee "
        "and the other hand on the floor behind, turning the chest "
        "toward the bent knee",
        "moving": ["arm", "far_arm"],
        "arrow": "wrist",
        "poses": [
            {
                "name": "Start",
                "hip": [48, 6],
                "torso": 90,
                "head": 90,
                "arm": [13.6, -91.0],
                "far_arm": [26.8, -98.1],
                "leg": [58, -72, 0],
                "far_leg": [0, 0, 90],
            },
            {
                "name": "Hold",
                "hip": [48, 6],
                "torso": 98,
                "head": 100,
                "arm": [-114, -104],
                "far_arm": [-28, 78],
                "leg": [58, -72, 0],
                "far_leg": [0, 0, 90],
            },
        ],
    },
    "sphinx": {
        "view": "side",
        "description": "Lying face down, resting on the forearms with the chest "
        "lifted gently and the belly on the mat",
        "moving": ["torso"],
        "arrow": "shoulder",
        "poses": [
            {
                "name": "Start",
                "hip": [58, 5.5],
                "torso": 0,
                "head": -5,
                "arm": [0, 170],
                "leg": [185, 180, 180],
            },
            {
                "name": "Hold",
                "hip": [58, 5.5],
                "torso": 22,
                "bend": -0.2,
                "head": 55,
                "arm": [-70, 0],
                "leg": [185, 180, 180],
            },
        ],
    },
    "walking": {
        "view": "side",
        "description": "Walking tall, one leg striding forward while the opposite arm swings",
        "moving": ["legs", "arms"],
        "arrow": "far_knee",
        "tempo": 1.2,
        "poses": [
            {
                "name": "Stride",
                "hip": [75, 46],
                "torso": 87,
                "head": 85,
                "arm": [250, 265],
                "far_arm": [290, 310],
                "leg": [295, 270, 10],
                "far_leg": [245, 235, -40],
            },
            {
                "name": "Other stride",
                "hip": [79, 46],
                "torso": 87,
                "head": 85,
                "arm": [290, 310],
                "far_arm": [250, 265],
                "leg": [245, 235, -40],
                "far_leg": [295, 270, 10],
            },
        ],
    },
}


def swap(Exercise, before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """Give each exercise whose figure is still ``before[slug]`` the figure ``after[slug]``.

    Returns the slugs changed. A figure edited since (any difference at all) is kept.
    """
    changed = []
    for exercise in Exercise.objects.filter(slug__in=list(after)):
        if exercise.figure == before[exercise.slug]:
            exercise.figure = after[exercise.slug]
            exercise.save(update_fields=["figure"])
            changed.append(exercise.slug)
    return sorted(changed)


def redraw(apps, schema_editor):
    swap(apps.get_model("exercises", "Exercise"), OLD, NEW)


def undraw(apps, schema_editor):
    swap(apps.get_model("exercises", "Exercise"), NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0006_exercise_figure_and_own_media")]

    operations = [migrations.RunPython(redraw, undraw)]
